"""The tools that train, evaluate and benchmark the pipeline — beside it, not part of it.

- :mod:`kg.tools.train` — the span classifier (``python -m kg.tools.train``);
- :mod:`kg.tools.train_relations` — the event-type and role classifiers;
- :mod:`kg.tools.corpora` — every corpus of ``../shared/eval`` scored beside bare LAC (``kg eval --corpora``);
- :mod:`kg.tools.evaluate` — the item scorer (``kg eval GOLD ITEMS``, as ``score.py``);
- :mod:`kg.tools.augment` — the seed renamed to another city (``seed-renamed``);
- :mod:`kg.tools.bench` — speed and scale (``python -m kg.tools.bench``);
- :mod:`kg.tools.synthetic` — generated corpora and graphs for the scale tests;
- :mod:`kg.tools.screenshots` — the documentation's screenshots;
- :mod:`kg.tools.pkuseg_experiment` — the measurement that chose LAC over spacy-pkuseg.

May import anything of ``kg``. The runtime never imports this package; the command line reaches
:mod:`kg.tools.evaluate` and :mod:`kg.tools.corpora` only inside its ``kg eval`` command.
"""
