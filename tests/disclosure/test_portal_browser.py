"""The exported site opened in a real browser engine: Debian's chromium, headless, driven by
Selenium through chromium-driver (both installed by scripts/setup.sh with the test extra),
from a file:// address as the web team would first look at it. The list renders, the
search box finds a case by its 文号 without any server, and no masked value is in the page
source the browser holds."""
from __future__ import annotations

import shutil

import pytest

from disclosure.portal import export_portal
from tests.disclosure.portal_helpers import SECRETS, publish_some, read_feed

pytestmark = pytest.mark.slow

@pytest.fixture
def browser(tmp_path):
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail("chromium and chromium-driver are not installed: run "
                    "scripts/setup.sh test (apt-get install chromium chromium-driver)",
                    pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
                     "--window-size=1200,1600"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def visible_entries(driver) -> list[str]:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    return [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, "article.entry")
            if e.is_displayed()]


def test_the_site_renders_searches_and_hides_what_is_masked(
        browser, decide, clerk, reviewer, person_party, example_input, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    portal = publish_some(decide, clerk, reviewer, person_party, example_input)
    out = tmp_path / "portal"
    export_portal(clerk, out)
    feed = read_feed(out)
    browser.get((out / "index.html").as_uri())

    assert "行政执法结果公示" in browser.title
    entries = visible_entries(browser)
    assert sorted(entries) == sorted([f"record-{i}" for i in portal.published]
                                     + [f"withdrawal-{portal.withdrawn}"])
    for secret in SECRETS:
        assert secret not in browser.page_source, secret
    assert "220122********0013" in browser.find_element(By.TAG_NAME, "body").text

    person = next(r for r in feed["records"] if r["id"] == portal.person)
    box = browser.find_element(By.ID, "q")
    box.send_keys(person["document_number"])
    WebDriverWait(browser, 10).until(
        lambda d: visible_entries(d) == [f"record-{portal.person}"])
    assert browser.find_element(By.ID, "count").text == "找到 1 条"

    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("撤销原处罚决定")  # the withdrawal notice's reason
    WebDriverWait(browser, 10).until(
        lambda d: visible_entries(d) == [f"withdrawal-{portal.withdrawn}"])
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("没有这样的文号")
    WebDriverWait(browser, 10).until(lambda d: visible_entries(d) == [])
    browser.save_screenshot(str(tmp_path / "portal.png"))
