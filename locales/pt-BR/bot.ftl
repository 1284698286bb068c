# Salam reference bot — Brazilian Portuguese. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Assistente
bot-did-it-help = Isso ajudou?
bot-yes = Sim
bot-no = Não
bot-glad = Que bom que pude ajudar. Pergunte o que mais quiser.
bot-rephrase = Desculpe. Você pode explicar de outro jeito? Ou fale com um atendente.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Falar com um atendente
bot-did-you-mean = Você quis dizer uma destas opções?
bot-no-match = Não tenho resposta para isso, então vou chamar um atendente.
bot-handover = Um atendente vai entrar neste chat em instantes.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = atendente, humano, ser humano, pessoa real, operador, agente, representante
# $name (string): the agent who joined.
bot-agent-joined = { $name } entrou na conversa.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = No momento não estamos disponíveis. Um atendente vai responder aqui quando voltarmos; o topo deste chat mostra quando.
