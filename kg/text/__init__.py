"""Text: what every stage needs to read Chinese news as written.

- :mod:`kg.text.normalize` — spaces and breaks PDF extraction inserted; sentence ends; comparison keys;
- :mod:`kg.text.simplify` — traditional → simplified, one character for one (offsets hold);
- :mod:`kg.text.dates` — date patterns, a document's period, ISO dates;
- :mod:`kg.text.dateline` — datelines and bylines (``本报讯``, ``新华社郑州6月21日电``, ``记者 某某``).

May import: the standard library, ``opencc``'s character tables, and each other. Nothing else of ``kg``.
"""
