# Salam reference bot — Persian. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = دستیار
bot-did-it-help = این پاسخ کمکتان کرد؟
bot-yes = بله
bot-no = خیر
bot-glad = خوشحالم که توانستم کمک کنم. هر سؤال دیگری دارید بپرسید.
bot-rephrase = متأسفم. می‌توانید سؤالتان را طور دیگری بپرسید؟ یا با پشتیبان گفتگو کنید.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = گفتگو با پشتیبان
bot-did-you-mean = منظورتان یکی از این‌ها بود؟
bot-no-match = پاسخی برای این سؤال ندارم؛ برای همین از یک پشتیبان خواستم به گفتگو بپیوندد.
bot-handover = به‌زودی یک پشتیبان به این گفتگو می‌پیوندد.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = اپراتور، پشتیبان، کارشناس، انسان، آدم واقعی، اپراتور انسانی، شخص واقعی، فرد واقعی
# $name (string): the agent who joined.
bot-agent-joined = { $name } به گفتگو پیوست.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = در حال حاضر در دسترس نیستیم. وقتی برگردیم، یک پشتیبان همین‌جا پاسخ‌تان را می‌دهد؛ زمان برگشت‌مان بالای همین گفتگو نوشته شده است.
