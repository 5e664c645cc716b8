# The surveys that lived in market (market 0002) move here. market 0004 renamed their tables
# to this app's names; this migration only takes the models into surveys' state, and moves
# their content types so that admin history and permissions follow them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["survey", "question", "choice", "surveylink", "response", "answer"]


def move_content_types(apps, schema_editor, source="market", target="surveys"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label=target, model__in=MODELS)
        .values_list("model", flat=True)
    )
    ContentType.objects.using(db).filter(app_label=source, model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="surveys", target="market")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("market", "0004_surveys_move_to_their_app"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Survey",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=100, verbose_name="title")),
                        ("intro", models.TextField(blank=True, verbose_name="introduction")),
                        ("anonymous_allowed", models.BooleanField(default=True, help_text="If not, people must log in and their answers carry their name.", verbose_name="anonymous answers allowed")),
                        ("is_open", models.BooleanField(default=True, verbose_name="open for answers")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="created by")),
                        ("org", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org", verbose_name="running union")),
                    ],
                    options={
                        "verbose_name": "demand survey",
                        "verbose_name_plural": "demand surveys",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="Question",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", models.CharField(max_length=300, verbose_name="question")),
                        ("kind", models.CharField(choices=[("single", "Single choice"), ("multiple", "Multiple choice"), ("text", "Text")], max_length=10, verbose_name="kind")),
                        ("required", models.BooleanField(default=True, verbose_name="required")),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                        ("survey", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="questions", to="surveys.survey")),
                    ],
                    options={
                        "verbose_name": "question",
                        "verbose_name_plural": "questions",
                        "ordering": ["order", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Choice",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", models.CharField(max_length=200, verbose_name="choice")),
                        ("category", models.CharField(blank=True, help_text="A service domain or a free category name; empty if it is not a demand.", max_length=50, verbose_name="demand category")),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                        ("question", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="choices", to="surveys.question")),
                    ],
                    options={
                        "verbose_name": "choice",
                        "verbose_name_plural": "choices",
                        "ordering": ["order", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="SurveyLink",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("token", models.CharField(max_length=32, unique=True, verbose_name="token")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("org", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org", verbose_name="enterprise union")),
                        ("survey", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="links", to="surveys.survey")),
                    ],
                    options={
                        "verbose_name": "enterprise link",
                        "verbose_name_plural": "enterprise links",
                        "ordering": ["org__path"],
                        "constraints": [
                            models.UniqueConstraint(fields=("survey", "org"), name="one_link_per_enterprise"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Response",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("submitted_at", models.DateTimeField(auto_now_add=True, verbose_name="submitted at")),
                        ("signed", models.BooleanField(default=False, verbose_name="signed")),
                        ("respondent_key", models.CharField(blank=True, editable=False, max_length=64, null=True)),
                        ("link", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="responses", to="surveys.surveylink")),
                        ("survey", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="responses", to="surveys.survey")),
                        ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="respondent")),
                    ],
                    options={
                        "verbose_name": "survey response",
                        "verbose_name_plural": "survey responses",
                        "ordering": ["-submitted_at", "-id"],
                        "constraints": [
                            models.UniqueConstraint(condition=models.Q(("respondent_key__isnull", False)), fields=("survey", "respondent_key"), name="one_response_per_person"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Answer",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", models.TextField(blank=True, verbose_name="answer")),
                        ("choice", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="answers", to="surveys.choice")),
                        ("question", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="answers", to="surveys.question")),
                        ("response", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="answers", to="surveys.response")),
                    ],
                    options={
                        "verbose_name": "answer",
                        "verbose_name_plural": "answers",
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
