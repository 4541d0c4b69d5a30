"""The stored case pages are gone: the case page draws its summary and one section on each view
(docs/decisions/0006-case-page-sections-drawn-on-view.md)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_queue_marks")]

    operations = [migrations.DeleteModel(name="CasePage")]
