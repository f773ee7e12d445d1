"""A persona's definitions as the system message that makes a language model speak as the persona."""

from persona.models import Persona


def persona_system_message(*, persona: Persona) -> dict:
    """The owner's system prompt first, as written, then who the persona is: name, description and
    personality traits (each 0 to 1, as the editor shows them), then the scenario and the example
    dialogue. Hidden definitions included: callers are those who may answer or chat as the persona."""
    parts = [
        persona.system_prompt.strip(),
        f"Your name is {persona.name}.",
        f"About you: {persona.description}",
    ]
    if persona.personality_traits:
        traits = ", ".join(f"{name} {score:g}" for name, score in persona.personality_traits.items())
        parts.append(f"Your personality traits, each from 0 (not at all) to 1 (entirely): {traits}.")
    if persona.scenario.strip():
        parts.append(f"The scenario: {persona.scenario.strip()}")
    if persona.example_dialogue.strip():
        parts.append(f"How you speak, by example:\n{persona.example_dialogue.strip()}")
    return {"role": "system", "content": "\n\n".join(part for part in parts if part)}
