# Salam reference bot — Spanish (neutral/international). The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Asistente
bot-did-it-help = ¿Te ha sido útil?
bot-yes = Sí
bot-no = No
bot-glad = Me alegra haberte ayudado. Pregúntame lo que quieras.
bot-rephrase = Lo siento. ¿Puedes decirlo de otra manera? O habla con un agente.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Hablar con un agente
bot-did-you-mean = ¿Te refieres a alguna de estas?
bot-no-match = No tengo respuesta para eso, así que le pido a un agente que se una.
bot-handover = Un agente se unirá a este chat en breve.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = agente, humano, ser humano, persona real, operador, operadora, asesor, representante
# $name (string): the agent who joined.
bot-agent-joined = { $name } se unió a la conversación.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Ahora mismo no estamos disponibles. Un agente te responderá aquí cuando volvamos; en la parte superior del chat verás cuándo.
