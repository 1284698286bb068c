# Salam reference bot — Turkish. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = Asistan
bot-did-it-help = Bu yardımcı oldu mu?
bot-yes = Evet
bot-no = Hayır
bot-glad = Yardımcı olabildiğime sevindim. Başka sorunuz varsa sorabilirsiniz.
bot-rephrase = Kusura bakmayın. Sorunuzu başka bir şekilde ifade edebilir misiniz? Ya da bir temsilciyle görüşebilirsiniz.
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = Temsilciyle görüş
bot-did-you-mean = Bunlardan birini mi demek istediniz?
bot-no-match = Bu soruya bir yanıtım yok, bu yüzden bir temsilciyi sohbete çağırıyorum.
bot-handover = Birazdan bir temsilci bu sohbete katılacak.
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = temsilci, temsilciye, temsilciyle, müşteri temsilcisi, canlı destek, gerçek kişi, gerçek insan, insanla, operatör
# $name (string): the agent who joined.
bot-agent-joined = { $name } sohbete katıldı.
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = Şu anda müsait değiliz. Geri döndüğümüzde bir temsilci size buradan yanıt verecek; ne zaman döneceğimizi sohbetin üst kısmında görebilirsiniz.
