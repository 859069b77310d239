"""The personnel lookup page (执法人员查询, measure 5) in a real browser engine (chromium,
headless, as tests/disclosure/test_portal_browser.py drives it): typed a certificate
number, it shows the holder's public fields, from a file:// address (where browsers refuse
to fetch the JSON: the page loads personnel.js instead) and from a web server (where it
reads personnel.json); a hostile name shows as text, an unknown number as not found."""
from __future__ import annotations

import functools
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from disclosure.portal import export_portal
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.disclosure.test_portal_browser import browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow
HOSTILE = '<img src=x onerror="document.title=\'pwned\'">王五'


@pytest.fixture
def web_server(tmp_path):
    """``web_server(folder)``: the folder served over HTTP on 127.0.0.1; its base URL.
    ``web_server.requests``: the request lines it answered."""
    servers, requests = [], []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002, ANN002
            requests.append(str(args[0]))

    def serve(folder) -> str:  # noqa: ANN001
        handler = functools.partial(Handler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"
    serve.requests = requests
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def look_up(driver, number: str) -> dict[str, str]:  # noqa: ANN001
    """Type ``number``, press 查询; the answer's fields (empty when not found)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    box = driver.find_element(By.ID, "cert")
    box.clear()
    box.send_keys(number)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.ID, "result") or d.find_elements(By.ID, "not-found"))
    return {cell.get_attribute("data-field"): cell.text
            for cell in driver.find_elements(By.CSS_SELECTOR, "#result td[data-field]")}


def test_the_lookup_page_answers_from_a_file_and_from_a_web_server(
        browser, web_server, workspace, admin_ctx, tmp_path):  # noqa: F811
    add_unit(admin_ctx, "综合执法一科", "执一")
    add_officer(admin_ctx, HOSTILE, "执一", CertificateInput(
        "22010001", date(2029, 12, 31), valid_from=date(2024, 1, 1), category="市场监管",
        area="农安县"), phone="13912345678")
    out = tmp_path / "portal"
    export_portal(admin_ctx, out)
    page = out / "prior" / "personnel.html"
    for address in (page.as_uri(), web_server(out) + "prior/personnel.html"):
        browser.get(address)
        shown = look_up(browser, "　22010001 ")   # a full-width space as an IME types it
        assert shown["name"] == HOSTILE and shown["unit"] == "综合执法一科", address
        assert shown["category"] == "市场监管" and shown["area"] == "农安县"
        assert shown["valid_until"] == "2029-12-31" and "有效" in shown["status_text"]
        assert browser.title != "pwned" and "13912345678" not in browser.page_source
        assert look_up(browser, "22019999") == {}
        assert "未找到执法证号“22019999”" in browser.page_source
    # Served, the page read the JSON file itself, not the fallback for file:// pages.
    assert any("/prior/personnel.json " in line for line in web_server.requests)
    assert not any("/prior/personnel.js " in line for line in web_server.requests)
