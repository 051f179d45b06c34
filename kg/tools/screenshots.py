"""The README's screenshots of every page: ``python -m kg.tools.screenshots [docs]``.

Builds the bundled sample into a temporary folder, opens each page in Debian's chromium (headless,
1400×900, from ``file://``, no network) and saves one PNG per page. Needs the ``dev`` extra
(Playwright) and the ``chromium`` package.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import kg
from kg.queries import activity
from kg.views.pages import body_href, person_href

PAGES = ("index", "profile", "body", "events", "overview", "coparticipation", "organizations", "persons")


def take(docs: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright  # an optional dependency (the dev extra): only here

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("error: chromium is not installed (apt-get install chromium fonts-wqy-microhei)")
    docs.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        g = kg.build([kg.api.SAMPLE], out_dir=out)
        active = activity(g)
        official = max((n for n, k in g.nodes(data="kind") if k == "person"), key=lambda n: (active[n], n))
        body = max((n for n, k in g.nodes(data="kind") if k == "organization"),
                   key=lambda n: (sum(1 for *_e, key in g.in_edges(n, keys=True) if key == "org:organization"), n))
        files = {"index": "index.html", "profile": person_href(official), "body": body_href(body),
                 "events": "events.html"} | {name: f"{name}.html" for name in PAGES[4:]}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            for name in PAGES:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto((out / files[name]).as_uri())
                page.wait_for_function("window.govkgStabilized === true || !document.getElementById('mynetwork')",
                                       timeout=60_000)
                page.wait_for_timeout(500)
                path = docs / f"{name}.png"
                page.screenshot(path=str(path))
                written.append(path)
                page.close()
            browser.close()
    return written


if __name__ == "__main__":
    for written in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(written)
