"""Original Medicare cases with their facts in are "ready to bill" (no prior authorization goes
first): the new stage, and the stored Original Medicare cases that read "ready" moved to it."""

from django.db import migrations, models


def _ready_to_bill(apps, schema_editor):  # type: ignore[no-untyped-def]
    records = apps.get_model("cases", "CaseRecord")
    for record in records.objects.filter(stage="ready").only("pk", "data"):
        plan = (record.data or {}).get("plan") or {}
        if plan.get("category") == "medicare":
            records.objects.filter(pk=record.pk).update(stage="ready_to_bill")


def _ready(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("cases", "CaseRecord").objects.filter(stage="ready_to_bill").update(
        stage="ready"
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_drop_case_page")]

    operations = [
        migrations.AlterField(
            model_name="caserecord",
            name="stage",
            field=models.CharField(
                choices=[
                    ("intake", "Intake"),
                    ("ready", "Ready to submit"),
                    ("ready_to_bill", "Ready to bill"),
                    ("pa_pending", "PA pending"),
                    ("approved", "Approved"),
                    ("denied", "Denied"),
                    ("appeal", "Appeal running"),
                    ("external_review", "External review"),
                    ("paid", "Paid"),
                ],
                default="intake",
                max_length=20,
            ),
        ),
        migrations.RunPython(_ready_to_bill, _ready),
    ]
