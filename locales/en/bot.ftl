# Salam reference bot — English. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Assistant
bot-did-it-help = Did that help?
bot-yes = Yes
bot-no = No
bot-glad = Glad I could help. Ask me anything else.
bot-rephrase = Sorry about that. Could you put it another way? Or talk to a person.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Talk to a person
bot-did-you-mean = Did you mean one of these?
bot-no-match = I don't have an answer to that, so I'm asking a person to join.
bot-handover = A person will join this chat shortly.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = agent, human, person, operator, representative, real person, someone real, support staff
# $name (string): the agent who joined.
bot-agent-joined = { $name } joined the conversation.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = We're away right now. A person will answer here when we're back; the top of this chat says when.
