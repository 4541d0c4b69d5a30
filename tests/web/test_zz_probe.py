import pytest
from tests.web.conftest import *  # noqa
pytestmark = pytest.mark.django_db

def test_probe(world):
    c = world.client_for(world.owner)
    c.raise_request_exception = False
    for url in ["/?assignee=99999999999999999999", "/cases/?assignee=99999999999999999999", f"/audit/{world.clinic.pk}/?end=9999-12-31", f"/audit/{world.clinic.pk}/export.csv?end=9999-12-31", f"/cases/{2**64}/"]:
        r = c.get(url)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        print(url, r.status_code, body[:100])
