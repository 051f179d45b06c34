"""Reference data: the lexicons in ``kg/data/`` (titles, suffixes, cues — data files, loaded here) and the
gazetteer of administrative divisions (codes, parents, coordinates, townships; from ``cpca`` and ``jionlp``).

- :mod:`kg.reference.lexicon` — the title lexicon, surnames, organisation suffixes, event and role cues;
- :mod:`kg.reference.gazetteer` — divisions by name and code, what lies within what, renamed counties.

May import: :mod:`kg.text`. Read by extraction and resolution; never imports them.
"""
