"""No page makes a request to a host other than the site itself (the browser's network log).

Every page kind is loaded on a desktop and a phone, scrolled to the bottom (lazy content),
and left until the network is idle; every request of the browser context (pages and
workers) must go to the local server. No page may announce another host either
(preconnect, DNS prefetch, preload) or embed a frame.
"""

from __future__ import annotations

import pytest

from .pages import DEVICES, PAGE_KINDS, new_context, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HINTS_TO_OTHER_HOSTS = """() => [...document.querySelectorAll(
        'link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=preload], link[rel~=prefetch], iframe, frame')]
    .map(element => element.href || element.src || element.outerHTML)
    .filter(address => !address.startsWith(location.origin + '/'))"""


@pytest.fixture(scope="module")
def recorded_tabs(browser):
    """One page per device, with the list of every request its context makes."""
    opened: dict[str, tuple[object, list[str]]] = {}

    def get(device: str):
        if device not in opened:
            context = new_context(browser, device, "clair")
            requests: list[str] = []
            context.on("request", lambda request: requests.append(request.url))
            opened[device] = (context.new_page(), requests)
        return opened[device]

    yield get
    for tab, _ in opened.values():
        tab.context.close()


def _foreign(requests: list[str], site_url: str) -> list[str]:
    return [url for url in requests if not (url.startswith(site_url + "/") or url.startswith(("data:", "blob:")))]


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("device", DEVICES)
def test_no_request_leaves_the_site(require_browser, recorded_tabs, site_url, device, kind):
    tab, requests = recorded_tabs(device)
    requests.clear()
    open_page(tab, site_url, PAGE_KINDS[kind])
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.wait_for_load_state("networkidle")  # 500 ms without requests, after the scroll
    assert any(url.startswith(site_url + PAGE_KINDS[kind]) for url in requests), requests
    assert any(url.endswith(".css") for url in requests), "stylesheets were not requested: the log is incomplete"
    assert _foreign(requests, site_url) == []
    assert tab.evaluate(HINTS_TO_OTHER_HOSTS) == []


def test_the_network_log_does_see_a_request_to_another_host(require_browser, recorded_tabs, site_url):
    """The check can fail: an image from another host (a documentation address) is logged."""
    tab, requests = recorded_tabs("ordinateur")
    open_page(tab, site_url, PAGE_KINDS["accueil"], until_network_idle=True)
    requests.clear()
    tab.evaluate("() => { const image = new Image(); image.src = 'http://192.0.2.1/pixel.png'; document.body.append(image); }")
    tab.wait_for_load_state("networkidle")
    assert _foreign(requests, site_url) == ["http://192.0.2.1/pixel.png"]
