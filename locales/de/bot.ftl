# Salam reference bot — German (formal "Sie"). The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Assistent
bot-did-it-help = Hat Ihnen das geholfen?
bot-yes = Ja
bot-no = Nein
bot-glad = Schön, dass ich helfen konnte. Fragen Sie mich gern noch etwas anderes.
bot-rephrase = Das tut mir leid. Können Sie es anders formulieren? Oder sprechen Sie mit einem Menschen.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Mit einem Menschen sprechen
bot-did-you-mean = Meinten Sie eine dieser Fragen?
bot-no-match = Darauf habe ich keine Antwort, deshalb bitte ich jemanden aus dem Support-Team dazu.
bot-handover = Gleich ist jemand aus dem Support-Team in diesem Chat für Sie da.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = mensch, menschen, echte person, echten person, mitarbeiter sprechen, mitarbeiterin sprechen, support-mitarbeiter, kundenberater
# $name (string): the agent who joined.
bot-agent-joined = { $name } ist jetzt im Chat.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Wir sind gerade nicht erreichbar. Sobald wir wieder da sind, antwortet Ihnen hier jemand aus dem Support-Team – wann das ist, sehen Sie oben im Chat.
