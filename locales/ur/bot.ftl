# Salam reference bot — Urdu. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = اسسٹنٹ
bot-did-it-help = کیا اس سے مدد ملی؟
bot-yes = ہاں
bot-no = نہیں
bot-glad = مدد کر کے خوشی ہوئی۔ کچھ اور پوچھنا ہو تو ضرور پوچھیں۔
bot-rephrase = معذرت۔ کیا آپ اپنی بات کسی اور طرح کہہ سکتے ہیں؟ یا نمائندے سے بات کریں۔
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = نمائندے سے بات کریں
bot-did-you-mean = کیا آپ کا مطلب ان میں سے کوئی ایک تھا؟
bot-no-match = میرے پاس اس کا جواب نہیں ہے، اس لیے ایک نمائندے کو گفتگو میں بلایا جا رہا ہے۔
bot-handover = جلد ہی کوئی نمائندہ اس چیٹ میں شامل ہو گا۔
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = نمائندہ، نمائندے، انسان، حقیقی شخص، آپریٹر، ایجنٹ، کسٹمر سروس، سپورٹ ٹیم
# $name (string): the agent who joined.
bot-agent-joined = { $name } گفتگو میں شامل ہو گئے ہیں۔
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = ہم اس وقت دستیاب نہیں ہیں۔ ہماری واپسی پر کوئی نمائندہ یہیں جواب دے گا؛ ہم کب واپس آئیں گے، یہ اس چیٹ کے اوپر لکھا ہے۔
