"""Home and event pages' rich-text bodies become the first text block of their new bodies."""

from django.db import migrations
from wagtail.rich_text import RichText


def bodies_to_blocks(apps, schema_editor):
    for name in ("HomePage", "EventPage"):
        model = apps.get_model("cms", name)
        for page in model.objects.exclude(body="").only("pk", "body"):
            page.body_stream = [("rich_text", RichText(page.body))]
            page.save(update_fields=["body_stream"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_site_pages")]

    operations = [migrations.RunPython(bodies_to_blocks, migrations.RunPython.noop)]
