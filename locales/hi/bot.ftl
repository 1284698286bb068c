# Salam reference bot — Hindi. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = असिस्टेंट
bot-did-it-help = क्या इससे मदद मिली?
bot-yes = हाँ
bot-no = नहीं
bot-glad = मदद करके खुशी हुई। कुछ और पूछना हो तो बेझिझक पूछें।
bot-rephrase = माफ़ कीजिए। क्या आप इसे किसी और तरह से पूछ सकते हैं? या किसी एजेंट से बात करें।
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = एजेंट से बात करें
bot-did-you-mean = क्या आपका मतलब इनमें से किसी से था?
bot-no-match = मेरे पास इसका जवाब नहीं है, इसलिए किसी एजेंट को बातचीत में बुलाया जा रहा है।
bot-handover = जल्द ही कोई एजेंट इस चैट में जुड़ेगा।
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = एजेंट, इंसान, असली इंसान, असली व्यक्ति, ऑपरेटर, प्रतिनिधि, कस्टमर केयर, सपोर्ट टीम
# $name (string): the agent who joined.
bot-agent-joined = { $name } बातचीत में शामिल हो गए हैं।
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = अभी हम उपलब्ध नहीं हैं। हमारे वापस आने पर कोई एजेंट यहीं जवाब देगा; हम कब लौटेंगे, यह इस चैट में सबसे ऊपर लिखा है।
