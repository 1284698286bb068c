# Salam reference bot — Hebrew. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = עוזר
bot-did-it-help = זה עזר?
bot-yes = כן
bot-no = לא
bot-glad = שמחתי לעזור. אפשר לשאול אותי כל דבר נוסף.
bot-rephrase = סליחה. אפשר לנסח את זה אחרת? או לדבר עם נציג/ה.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = דברו עם נציג/ה
bot-did-you-mean = התכוונת לאחת מהאפשרויות האלה?
bot-no-match = אין לי תשובה לזה, אז ביקשתי מנציג/ה להצטרף לשיחה.
bot-handover = מישהו מצוות התמיכה יצטרף לשיחה הזו בקרוב.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = נציג, נציגה, לנציג, לנציגה, אדם אמיתי, בן אדם, מוקדן, מוקדנית, שירות לקוחות
# $name (string): the agent who joined.
bot-agent-joined = { $name } הצטרף/ה לשיחה.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = אנחנו לא זמינים כרגע. מישהו מצוות התמיכה יענה כאן כשנחזור; בראש הצ'אט מופיע מתי זה יקרה.
