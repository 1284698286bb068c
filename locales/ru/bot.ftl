# Salam reference bot — Russian (polite "вы"). The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Ассистент
bot-did-it-help = Это помогло?
bot-yes = Да
bot-no = Нет
bot-glad = Хорошо, что удалось помочь. Спрашивайте, если есть другие вопросы.
bot-rephrase = Простите. Можете сформулировать вопрос иначе? Или свяжитесь с оператором.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Связаться с оператором
bot-did-you-mean = Возможно, вы имели в виду один из этих вопросов?
bot-no-match = У меня нет ответа на этот вопрос, поэтому подключаю оператора.
bot-handover = Оператор скоро подключится к чату.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = оператор, оператора, оператору, оператором, живой человек, живого человека, живым человеком, сотрудник поддержки, сотрудником поддержки
# $name (string): the agent who joined.
bot-agent-joined = { $name } теперь в чате.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Сейчас мы не на связи. Оператор ответит здесь, когда мы вернёмся; когда это будет, указано вверху чата.
