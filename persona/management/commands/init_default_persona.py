from django.core.management.base import BaseCommand

from persona.services import persona_initialize_default


class Command(BaseCommand):
    help = 'Create the default persona "Mu" once; running it again changes nothing.'

    def handle(self, *args, **options):
        persona, created = persona_initialize_default()
        verb = "Created" if created else "Already present:"
        self.stdout.write(self.style.SUCCESS(f"{verb} default persona {persona.name} (id {persona.pk})."))
