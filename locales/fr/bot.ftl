# Salam reference bot — French. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Assistant
bot-did-it-help = Cette réponse vous a-t-elle été utile ?
bot-yes = Oui
bot-no = Non
bot-glad = Tant mieux ! N'hésitez pas à me poser une autre question.
bot-rephrase = Désolé. Pouvez-vous reformuler votre question ? Vous pouvez aussi parler à un conseiller.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Parler à un conseiller
bot-did-you-mean = Vouliez-vous dire l'une de ces questions ?
bot-no-match = Je n'ai pas de réponse à cette question, je fais donc appel à un conseiller.
bot-handover = Un conseiller va bientôt rejoindre cette discussion.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = un conseiller, une conseillère, conseiller client, humain, vraie personne, personne réelle, opérateur, service client
# $name (string): the agent who joined.
bot-agent-joined = { $name } a rejoint la discussion.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Nous sommes absents pour le moment. Un conseiller vous répondra ici dès notre retour ; l'heure de notre retour est indiquée en haut de cette discussion.
