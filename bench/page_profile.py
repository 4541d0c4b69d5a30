"""In-process profile of the case page, the dashboard and the claims section's panel: the demo
examples (and optionally generated cases) in a temporary SQLite database, a logged-in test
client, the median wall and CPU time of each page over a number of requests, the queries each
page runs, and the top Python costs.

Each page is measured "hot" (the same URL again and again, so what it caches is reused) and
"rotating" (a different case, or dashboard filter, on each request, with the cache emptied
before each pattern, so each rotating case page is a first view: nothing stored or cached).
Each section of the case page is measured rotating too, as htmx asks for it (the section alone,
with the summary and the menu). The test client keeps its database connection between
requests, so opening one (about 0.5 ms on SQLite) is not counted here; ``--database-url`` runs
the same on an empty PostgreSQL database.

Run ``python bench/page_profile.py [--cases N] [--top K] [--sql] [--profile-rotating]
[--data-dir DIR] [--database-url URL]`` from the repository root; ``--data-dir`` keeps the
database for the next run.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUESTS = 30


def _setup(
    extra_cases: int, data_dir: str | None, database_url: str | None = None
) -> tuple[object, int, list[int]]:
    os.environ["KETACOVER_DATA_DIR"] = data_dir or tempfile.mkdtemp(prefix="ketacover-profile-")
    os.environ.setdefault("KETACOVER_SECRET_KEY", "ketacover-profile-only-key-0123456789abcdef")
    os.environ["KETACOVER_HTTPS"] = "0"
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    from ketacover.cli.server import DEMO_PASSWORD, DEMO_USER, _load_demo, setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    examples = sorted((ROOT.parent / "examples").glob("*.y*ml"))
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.test import Client

    from ketacover.web.accounts.models import Workspace
    from ketacover.web.cases.models import CaseRecord

    # A kept data directory is loaded once and reused as it is.
    loaded = Workspace.objects.filter(name="Demo Clinic").exists()
    if not loaded:
        from django.utils import timezone

        # The examples as written (no shift), so every run measures the same dates.
        _load_demo(examples, today=timezone.localdate(), days=0)
    space = Workspace.objects.get(name="Demo Clinic")
    if extra_cases and not loaded:
        sys.path.insert(0, str(ROOT))
        from generate import TODAY, make_cases
        from ketacover.interop.casefile import case_from_data
        from ketacover.web.cases.services import case_create

        staff = User.objects.get(username=DEMO_USER)
        with transaction.atomic():
            for data in make_cases(extra_cases):
                case_create(user=staff, workspace=space, case=case_from_data(data), today=TODAY)
    client = Client()
    assert client.login(username=DEMO_USER, password=DEMO_PASSWORD)
    # The richest demo case: the one with the most events in its document.
    records = CaseRecord.objects.filter(workspace=space).order_by("pk")[: len(examples)]
    pk = max(records, key=lambda r: len(str(r.data))).pk
    every = list(
        CaseRecord.objects.filter(workspace=space).order_by("pk").values_list("pk", flat=True)
    )
    return client, pk, every


def _median_ms(
    client: object, urls: list[str], count: int, extra: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Median wall time, median and least CPU time of this process (ms) over ``count`` requests,
    cycling through ``urls``. CPU time is steadier than wall time while other work shares the
    machine, and the least of it steadier still."""
    times, cpu = [], []
    for i in range(count):
        url = urls[i % len(urls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, **(extra or {}))
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), statistics.median(cpu), min(cpu)


def _queries(client: object, url: str, show: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    if show:
        for query in captured.captured_queries:
            print(f"    {query['time']}s  {query['sql'][:300]}")
    return len(captured.captured_queries)


def _profile(client: object, urls: list[str], top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(10):
        client.get(urls[-1 - i % len(urls)])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _dashboard_urls(base: str) -> list[str]:
    """Distinct dashboard URLs: every stage, with and without the first payer and "unassigned"."""
    from urllib.parse import urlencode

    from ketacover.core.stage import Stage
    from ketacover.web.cases.models import CaseRecord

    payer = CaseRecord.objects.exclude(payer="").values_list("payer", flat=True).first() or ""
    urls = []
    for stage in ["", *(s.value for s in Stage)]:
        for extra in (
            {},
            {"assignee": "none"},
            {"payer": payer},
            {"payer": payer, "assignee": "none"},
        ):
            urls.append(f"{base}?{urlencode({'stage': stage, **extra})}")
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=0, help="generated cases to add")
    parser.add_argument("--top", type=int, default=25, help="profile rows to print")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per pattern")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--data-dir", help="keep the database here and reuse it on the next run (same --cases)"
    )
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument(
        "--profile-rotating", action="store_true", help="profile the rotating patterns instead"
    )
    parser.add_argument(
        "--database-url", help="an empty PostgreSQL database to use instead of SQLite"
    )
    args = parser.parse_args()
    client, pk, every = _setup(args.cases, args.data_dir, args.database_url)
    from django.urls import reverse

    count = args.requests
    # "hot": the same page again and again; "rotating": a different case (or dashboard filter)
    # on every request, as many people working on many cases would ask for them.
    others = [p for p in every if p != pk]
    rotating = [reverse("cases:detail", args=[p]) for p in others]
    start, size = len(rotating) // 2, max(count, 1) + 1
    on_request = (rotating[start:] + rotating[:start])[:size]
    patterns = {
        "case page, hot": [reverse("cases:detail", args=[pk])],
        "case page, rotating, first view": on_request,
        "dashboard, hot": [reverse("dashboard")],
        "dashboard, rotating": _dashboard_urls(reverse("dashboard")),
        # The claims section's panel (loaded on demand, never stored): every date of service's
        # claim composed, priced and checked for the CMS-1500 and the 837P.
        "claims of each date of service, rotating (first view)": [
            reverse("events:claims_composed", args=[p]) for p in every
        ],
    }
    from ketacover.web.events.case_page import MENU

    # Each section at its own URL, on a different case each time (htmx asks for the section
    # alone, with the summary and the menu).
    for index, section in enumerate(MENU):
        at = (index * size) % len(others)
        turn = others[at:] + others[:at]
        patterns[f"section {section.slug}, rotating (htmx)"] = [
            reverse("cases:section", args=[other, section.slug]) for other in turn[:size]
        ]
    from django.core.cache import cache

    for name, urls in patterns.items():
        cache.clear()  # nothing cached: each rotating request is a case's first view
        extra = {"HTTP_HX_REQUEST": "true"} if "(htmx)" in name else {}
        client.get(urls[-1], **extra)  # warm up on a page the pattern does not ask for
        urls = urls[:-1] if len(urls) > 1 else urls
        ms, cpu, least = _median_ms(client, urls, count, extra)
        size_bytes = len(client.get(urls[0], **extra).content)
        print(
            f"{name}: median {ms:.1f} ms (CPU {cpu:.1f} ms, least {least:.1f} ms) over {count}, "
            f"{_queries(client, urls[0], args.sql)} queries, {size_bytes} bytes"
        )
    if not args.no_profile:
        for name, urls in patterns.items():
            if ("rotating" in name) != args.profile_rotating:
                continue
            print(f"\n===== {name} =====")
            print(_profile(client, urls, args.top))


if __name__ == "__main__":
    main()
