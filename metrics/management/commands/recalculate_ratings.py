from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from leveling.models import Attribute
from metrics.services import RecalculationBusy, standings_recalculate
from metrics.services.recalculation import CHANGES_LISTED, PROGRESS_STEPS
from persona.models import Persona

KINDS = [("promotion", "promotions"), ("demotion", "demotions"), ("band_move", "band moves")]
KINDS += [("entered", "took a place"), ("left", "lost their place")]


class Command(BaseCommand):
    help = (
        "Run the daily recalculation of ratings, bands and ranked ladders now (what Celery beat runs "
        "at METRICS_RECALCULATE_AT), with a progress bar per attribute, and print what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to recalculate, YYYY-MM-DD (default: today, UTC).")
        parser.add_argument("--attribute", help="One attribute's slug (default: all four).")
        parser.add_argument(
            "--reconcile-all",
            action="store_true",
            help="Recompute every persona's evidence, levels and points from the scores (by default the "
            "live ones are trusted but for one persona in METRICS_RECONCILE_DAYS): after a bulk import "
            "or a change of the rating's policy.",
        )

    def handle(self, *args, **options):
        day = _day(options["date"])
        for attribute in _attributes(options["attribute"]):
            with tqdm(total=len(PROGRESS_STEPS), desc=attribute.name, unit="step", file=self.stderr) as bar:

                def advance(step, bar=bar):
                    bar.set_postfix_str(step)
                    bar.update(1)

                try:
                    summary = standings_recalculate(
                        attribute=attribute,
                        day=day,
                        progress=advance,
                        reconcile_all=options["reconcile_all"],
                    )
                except RecalculationBusy as busy:
                    raise CommandError(str(busy)) from busy
            self._report(summary)

    def _report(self, summary):
        counts = ", ".join(f"{summary.count(kind)} {label}" for kind, label in KINDS)
        self.stdout.write(
            f"{summary.attribute} on {summary.day}: {summary.rated:,} rated ({summary.reconciled:,} "
            f"reconciled), {summary.written:,} standings "
            f"written, {summary.snapshots:,} snapshots, {counts} ({summary.seconds:.2f} s)"
        )
        listed = summary.changes[:CHANGES_LISTED]
        names = Persona.all_objects.in_bulk([change.persona_id for change in listed])
        for change in listed:
            self.stdout.write(
                f"  {names[change.persona_id].name}: {change.from_tier.label} → {change.to_tier.label}"
            )
        if len(summary.changes) > CHANGES_LISTED:
            self.stdout.write(f"  … and {len(summary.changes) - CHANGES_LISTED:,} more tier changes")


def _day(text: str | None) -> date:
    if not text:
        return timezone.now().date()
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date must be a day as YYYY-MM-DD, not {text!r}.") from error
    if day > timezone.now().date():
        raise CommandError(f"--date {day} is in the future; standings describe days that have begun.")
    return day


def _attributes(slug: str | None):
    attributes = Attribute.objects.all()
    if slug is None:
        return list(attributes)
    chosen = list(attributes.filter(slug=slug))
    if not chosen:
        known = ", ".join(attributes.values_list("slug", flat=True))
        raise CommandError(f"--attribute must be one of {known}, not {slug!r}.")
    return chosen
