"""The workspace's server without a browser (starlette's TestClient): every page answers,
the security rules hold, a bad upload changes nothing, decisions reach every page, and
the cache answers repeated pages without rebuilding the standoff.

The browser tests (test_web_browser.py) drive the same app in Chromium."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from standoff.read import Reader
from standoff.track.store import Store
from standoff.web.app import create_app
from standoff.web.security import CSRF_HEADER, MAX_BODY, Security
from standoff.web.workspace import Workspace
from test_track_factories import ultimatum_story

BASE = "http://127.0.0.1:8000"
PAGES = ["/", "/timeline", "/threats", "/proposals", "/actors", "/forecast",
         "/articles", "/review", "/review?show=all"]
STATIC = Path(__file__).resolve().parents[1] / "src" / "standoff" / "web" / "static"


def _filled(path: Path) -> None:
    with Store(path) as store:
        for i, r in enumerate(ultimatum_story()):
            store.add(r, hashlib.sha256(f"h{i}".encode()).hexdigest())
        store.refresh_ledgers()


@pytest.fixture
def web(tmp_path: Path, reader: Reader) -> Iterator[tuple[TestClient, Workspace, Security]]:
    path = tmp_path / "s.duckdb"
    _filled(path)
    store = Store(path)
    workspace = Workspace(store, draws=50)
    security = Security()
    app = create_app(workspace, security, lambda: reader.read)
    with TestClient(app, base_url=BASE) as client:
        yield client, workspace, security
    store.close()


def _routes(routes: list) -> list:  # type: ignore[type-arg]
    """Every route, including those of included routers."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        nested = getattr(route, "routes", None) or getattr(inner, "routes", None)
        out.extend(_routes(nested) if nested else [route])
    return out


def _csrf(security: Security) -> dict[str, str]:
    return {CSRF_HEADER: security.csrf}


def test_every_page_answers_now_and_rewound(web) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = web
    for page in PAGES:
        for as_of in ("", "2025-07-20"):
            joined = page + ("&" if "?" in page else "?") + f"as_of={as_of}" if as_of else page
            response = client.get(joined)
            assert response.status_code == 200, (joined, response.text[:300])
    overview = client.get("/?as_of=2025-07-20").text
    assert "Rewound to 2025-07-20" in overview and "as_of=2025-07-20" in overview


def test_pages_name_no_outside_address_and_carry_the_security_headers(web) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = web
    for page in PAGES:
        response = client.get(page)
        assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", response.text), page
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe" not in csp and "http" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_every_state_changing_route_wants_the_csrf_token(web) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    posts = [r.path for r in _routes(client.app.routes) if "POST" in getattr(r, "methods", set())]
    assert posts, "no state-changing route found"
    (story_id,) = [r.article.id for r in workspace.readings()][:1]
    for path in posts:
        url = path.replace("{article_id}", story_id).replace("{ident}", "0" * 16)
        refused = client.post(url, data={"decision": "reject"})
        assert refused.status_code == 403, url
        wrong = client.post(url, data={"decision": "reject", "csrf_token": "forged"})
        assert wrong.status_code == 403, url
        allowed = client.post(url, data={"decision": "reject"}, headers=_csrf(security))
        assert allowed.status_code != 403, url
    assert workspace.store.corrections() == []


def test_a_cross_site_post_and_a_foreign_host_name_are_refused(web) -> None:  # type: ignore[no-untyped-def]
    client, _, security = web
    headers = {**_csrf(security), "origin": "https://evil.example"}
    assert client.post("/articles/upload", headers=headers).status_code == 403
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 400


def test_another_address_needs_the_token(tmp_path: Path, reader: Reader) -> None:
    path = tmp_path / "s.duckdb"
    _filled(path)
    security, generated = Security.for_address("0.0.0.0", 8000, None)
    assert generated and security.token and len(security.token) >= 24
    with Store(path, read_only=True) as store:
        app = create_app(Workspace(store), security, lambda: reader.read)
        with TestClient(app, base_url="http://192.0.2.10:8000") as client:
            assert client.get("/").status_code == 401
            assert client.get("/?token=wrong").status_code == 401
            opened = client.get(f"/timeline?token={security.token}", follow_redirects=False)
            assert opened.status_code == 303 and opened.headers["location"] == "/timeline"
            assert "httponly" in opened.headers["set-cookie"].lower()
            assert client.get("/timeline").status_code == 200  # the cookie now
        with TestClient(app, base_url="http://192.0.2.10:8000") as fresh:
            bearer = {"authorization": f"Bearer {security.token}"}
            assert fresh.get("/threats", headers=bearer).status_code == 200
            assert fresh.get("/threats").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/..%2f__init__.py",
        "/static/app.py",
        "/static/licenses",
        "/licenses/..%2fapp.js",
        "/articles/..%2f..%2fetc%2fpasswd",
        "/articles/%2fetc%2fpasswd",
        "/articles/0123456789abcdef",
    ],
)
def test_no_request_path_reaches_the_file_system(web, path: str) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = web
    response = client.get(path)
    assert response.status_code == 404, path
    assert "root:" not in response.text


def test_the_vendored_assets_are_the_ones_listed_with_their_licences(web) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = web
    listed = (STATIC / "licenses" / "README.txt").read_text()
    for name in ("htmx.min.js", "echarts.min.js"):
        served = client.get(f"/static/{name}")
        assert served.status_code == 200
        assert f"{hashlib.sha256(served.content).hexdigest()}  {name}" in listed
    assert "Apache License" in client.get("/licenses/echarts-LICENSE.txt").text


def _upload(client: TestClient, security: Security, files: list[tuple[str, bytes]], **form: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/articles/upload",
        data={"csrf_token": security.csrf, **form},
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        follow_redirects=False,
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")], "not an article file"),
        ([("story.txt", b"Some text\x00\x01 with a NUL")], "binary"),
        ([("empty.txt", b"   ")], "empty"),
        ([("good.txt", b"Russia threatened Ukraine."), ("feed.jsonl", b'{"text": "ok"}\n{bad\n')],
         "feed.jsonl:2: not valid JSON"),
        ([(f"a{i}.txt", b"text") for i in range(6)], "at most 5"),
        ([], "nothing to upload"),
    ],
)
def test_a_bad_upload_says_why_and_stores_nothing(web, files, message: str) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    before = workspace.version()
    response = _upload(client, security, files)
    assert response.status_code == 400
    assert message in response.text and "nothing was stored" in response.text
    assert workspace.version() == before


def test_an_oversized_upload_is_refused_before_it_is_read(web) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    before = workspace.version()
    response = _upload(client, security, [("big.txt", b"a" * (MAX_BODY + 1))])
    assert response.status_code == 413 and "nothing was stored" in response.text
    assert workspace.version() == before


def test_an_upload_is_read_and_stored_in_the_background(web) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    assert client.get("/articles").status_code == 200  # the store was read before the upload
    text = (
        "Brazil threatened Argentina with tariffs on Monday unless it lifted its ban on "
        "Brazilian beef by September 30, officials in Brasilia said."
    )
    response = _upload(
        client, security, [], text=text, title="Brazil warns Argentina", published="2025-08-11",
        source="pampas.example",
    )
    assert response.status_code == 303
    job_id = response.headers["location"].split("job=")[1]
    job = client.app.state.web.ingester.job(job_id)
    assert job is not None
    for _ in range(1200):
        if job.finished:
            break
        time.sleep(0.1)
    assert job.finished and job.error is None and job.summary.stored == 1, job.summary.line()
    page = client.get(f"/jobs/{job_id}").text
    assert "stored 1" in page
    assert "Brazil warns Argentina" in client.get("/articles").text
    assert "Brazilian beef" in client.get("/timeline?actor=BRA").text


def _card_action(page: str, sentence: str) -> str:
    """The form address of the review card that quotes ``sentence``."""
    for card in page.split('<article class="card')[1:]:
        if sentence in card:
            found = re.search(r'action="(/review/[0-9a-f]{16}/[0-9a-f]{16})"', card)
            assert found is not None
            return found.group(1)
    raise AssertionError(f"no review card quotes {sentence!r}")


def test_a_decision_reaches_the_pages_and_the_cache_rebuilds_once(web) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    client.get("/threats")
    builds = workspace.builds
    for _ in range(3):
        client.get("/threats")
        client.get("/")
    assert workspace.builds == builds  # answered from the cache
    action = _card_action(client.get("/review?kind=threat").text, "Trump gave Moscow 50 days")
    response = client.post(
        action,
        data={"csrf_token": security.csrf, "decision": "correct", "deadline": "2025-07-25",
              "why": "the text says the 25th", "sender": "USA", "target": "RUS",
              "measures": "secondary tariffs", "third_parties": "CHN IND"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    (stored,) = workspace.store.corrections()
    assert stored.why == "the text says the 25th"
    assert stored.changes["deadline"][1] == "2025-07-25"
    threats = client.get("/threats?as_of=2025-07-20").text
    assert "2025-07-25" in threats
    assert workspace.builds == builds + 2  # the ledger refresh and the page
    assert "corrected" in client.get("/review?show=reviewed").text


def test_a_bad_correction_is_refused_and_nothing_is_stored(web) -> None:  # type: ignore[no-untyped-def]
    client, workspace, security = web
    queue = client.get("/review?kind=threat").text
    action = re.search(r'action="(/review/[0-9a-f]{16}/[0-9a-f]{16})"', queue)
    assert action is not None
    for form in ({"decision": "correct", "deadline": "next week"},
                 {"decision": "correct", "sender": "<script>"},
                 {"decision": "maybe"}):
        response = client.post(action.group(1), data={"csrf_token": security.csrf, **form})
        assert response.status_code == 400, form
        assert "&lt;script&gt;" in response.text or "<script>" not in response.text
    assert workspace.store.corrections() == []


def test_a_read_only_workspace_refuses_changes(tmp_path: Path, reader: Reader) -> None:
    path = tmp_path / "s.duckdb"
    _filled(path)
    with Store(path, read_only=True) as store:
        security = Security()
        app = create_app(Workspace(store), security, lambda: reader.read)
        with TestClient(app, base_url=BASE) as client:
            assert client.get("/review").status_code == 200
            assert "Upload and read" not in client.get("/articles").text
            refused = client.post("/articles/upload", headers=_csrf(security))
            assert refused.status_code == 403 and "read-only" in refused.text


def test_an_upload_goes_through_the_clis_ingest(tmp_path: Path, reader: Reader) -> None:
    """An article the reader fails on is skipped with its reason (the rest is stored), and
    the same upload again is all duplicates: what `standoff ingest` does and says."""
    from standoff.web.uploads import Ingester, check_upload

    path = tmp_path / "s.duckdb"
    _filled(path)

    def read(raw):  # type: ignore[no-untyped-def]
        if "unreadable" in raw.text:
            raise ValueError("the parser gave up")
        return reader.read(raw)

    good = b"Brazil threatened Argentina with tariffs on Monday unless it lifted its beef ban."
    files = [("good.txt", good), ("bad.txt", b"An unreadable article about nothing at all.")]
    with Store(path) as store:
        ingester = Ingester(Workspace(store, draws=50), lambda: read)
        first = ingester.run(check_upload(files))
        assert first.finished and first.error is None, first.error
        assert (first.summary.stored, first.done, first.total) == (1, 2, 2), first.summary.line()
        assert [s.origin for s in first.summary.skipped] == ["bad.txt"]
        assert "the parser gave up" in first.summary.skipped[0].reason
        assert len(first.stored_ids) == 1 and store.counts()["articles"] == 7
        again = ingester.run(check_upload(files[:1]))
        assert (again.summary.stored, again.summary.duplicates) == (0, 1), again.summary.line()


def test_an_uploaded_files_undated_article_takes_the_uploads_date() -> None:
    """As `ingest --date`: the date given with an upload dates a file's article that states
    none; a bad date refuses the whole upload."""
    from datetime import date

    from standoff.errors import UserError
    from standoff.web.uploads import check_upload

    story = b"WASHINGTON, July 14 - Trump gave Moscow 50 days to end the war or face tariffs."
    (raw,) = check_upload([("story.txt", story)], published="2025-07-14")
    assert raw.supplied_date == date(2025, 7, 14)
    (plain,) = check_upload([("story.txt", story)])
    assert plain.supplied_date is None
    with pytest.raises(UserError):
        check_upload([("story.txt", story)], published="14 Julyish")
