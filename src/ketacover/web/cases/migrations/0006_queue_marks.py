"""Work-queue marks (done, snoozed) and the deadline rows' ``hidden_until``; every case's "Next
due" worked out again by the rule the dashboard follows: the earliest item, overdue ones
included (no item is marked yet)."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import OuterRef, Subquery


def _next_due(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    cases = apps.get_model("cases", "CaseRecord")
    deadlines = apps.get_model("cases", "DeadlineRecord")
    earliest = deadlines.objects.filter(case_id=OuterRef("pk")).order_by("due").values("due")[:1]
    cases.objects.update(next_due=Subquery(earliest))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_login_throttle_signup"),
        ("cases", "0005_safe_case_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlinerecord",
            name="hidden_until",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="QueueMark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("due", models.DateField()),
                ("ref", models.CharField(blank=True, max_length=64)),
                ("until", models.DateField(blank=True, null=True)),
                ("at", models.DateTimeField()),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="queue_marks",
                        to="cases.caserecord",
                    ),
                ),
                (
                    "workspace",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.workspace",
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-id"],
                "indexes": [
                    models.Index(fields=["workspace", "-at"], name="queue_mark_workspace_at")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("case", "kind", "due", "ref"), name="queue_mark_item"
                    )
                ],
            },
        ),
        migrations.RunPython(_next_due, migrations.RunPython.noop),
    ]
