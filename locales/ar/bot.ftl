# Salam reference bot — Arabic. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = المساعد
bot-did-it-help = هل كان هذا مفيدًا؟
bot-yes = نعم
bot-no = لا
bot-glad = يسعدني أنني ساعدتك. اسألني عن أي شيء آخر.
bot-rephrase = عذرًا على ذلك. هل يمكنك طرح سؤالك بطريقة أخرى؟ أو تحدّث مع موظف الدعم.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = تحدّث مع موظف الدعم
bot-did-you-mean = هل تقصد أحد هذه الخيارات؟
bot-no-match = ليست لديّ إجابة عن ذلك، لذا طلبت من أحد موظفي الدعم الانضمام إلى المحادثة.
bot-handover = سينضم أحد موظفي الدعم إلى هذه المحادثة قريبًا.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = موظف، الموظف، موظفة، وكيل، إنسان، شخص حقيقي، خدمة العملاء، موظف الدعم
# $name (string): the agent who joined.
bot-agent-joined = انضم { $name } إلى المحادثة.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = لسنا متاحين حاليًا. سيجيبك أحد موظفي الدعم هنا عند عودتنا، وتجد موعد عودتنا في أعلى هذه المحادثة.
