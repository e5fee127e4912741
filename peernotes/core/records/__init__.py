"""Domain operations on a challenge file, by noun; each validates its input, then writes in one
transaction.

The UI, the CLI, the JSON import and the demo generator all go through these, so every rule
(an observation has text and a mode, a meeting ends after it starts...) lives in one place.
Operations return ids (or a `Saved` with warnings) and raise ValidationError naming the field.

    challenge     the challenge, its framework and headings
    people        the peer team, people met and their groups, documents
    programme     meetings and who was in them
    observations  observations and their headings
    read_models   the lists' ids and display records (typed values for the UI)

Import the noun module (`from peernotes.core.records import observations`, then
`observations.add_observation(cf, ...)`): the package re-exports nothing, so each caller
names the module that owns the rule it relies on.
"""
