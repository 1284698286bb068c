# Salam reference bot — Indonesian. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Asisten
bot-did-it-help = Apakah ini membantu?
bot-yes = Ya
bot-no = Tidak
bot-glad = Senang bisa membantu. Silakan tanyakan hal lain.
bot-rephrase = Maaf soal itu. Bisakah Anda menyampaikannya dengan cara lain? Atau bicara dengan agen.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Bicara dengan agen
bot-did-you-mean = Apakah maksud Anda salah satu dari ini?
bot-no-match = Saya belum punya jawaban untuk itu, jadi saya meminta agen untuk bergabung.
bot-handover = Agen kami akan segera bergabung ke chat ini.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = dengan agen, agen cs, customer service, cs, manusia, orang sungguhan, orang asli
# $name (string): the agent who joined.
bot-agent-joined = { $name } bergabung ke percakapan.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Kami sedang tidak tersedia. Agen kami akan menjawab di sini saat kami kembali; waktunya tertera di bagian atas chat ini.
