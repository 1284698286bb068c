# Salam widget — Turkish. Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Bize yazın
        [one] Bize yazın, { $unread } okunmamış mesaj
       *[other] Bize yazın, { $unread } okunmamış mesaj
    }

## Panel header
panel-title-default = Destek
panel-subtitle-default = Genellikle birkaç dakika içinde yanıt veriyoruz.
close-label = Sohbeti kapat

## Message log
log-label = Sohbet
log-empty = Aklınıza takılan her şeyi sorabilirsiniz, yardım için buradayız.
author-you = Siz
author-bot = Bot
author-agent = Temsilci
author-system = Bilgi
message-sending = Gönderiliyor…
message-sent = Gönderildi
# The support side has read the visitor's message.
message-seen = Görüldü
message-failed = Gönderilemedi.
message-failed-too-long = Gönderilemedi: mesaj çok uzun.
message-failed-rate-limited = Gönderilemedi: kısa sürede çok fazla mesaj gönderildi. Lütfen biraz bekleyin.
message-retry = Tekrar dene
upload-failed = Gönderilemedi: dosya yüklenemedi.
upload-too-large = Gönderilemedi: dosya çok büyük.
upload-type = Gönderilemedi: bu dosya türü kabul edilmiyor.
upload-mismatch = Gönderilemedi: dosyanın içeriği adıyla uyuşmuyor.
upload-progress = { $name } yükleniyor
upload-cancel = İptal

## Composer
composer-label = Mesaj
composer-placeholder = Mesajınızı yazın…
composer-hint = Göndermek için Enter, yeni satır için Shift+Enter.
send-label = Gönder
attach-label = Dosya ekle
attach-type = { $name } gönderilemiyor: bu dosya türü kabul edilmiyor.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } gönderilemiyor: dosyalar en fazla { $mb } MB olabilir.
attach-empty = { $name } gönderilemiyor: dosya boş.
# The button that takes a file off the "leave a message" form.
attach-remove = { $name } dosyasını kaldır
# $max (number): the longest message allowed, in characters.
composer-too-long = Bu mesaj çok uzun: en fazla { $max } karakter olabilir. Kısaltıp tekrar gönderin.

## Connection
connection-connecting = Bağlanıyor…
connection-reconnecting = Yeniden bağlanıyor… Bağlantı geri geldiğinde mesajlarınız gönderilecek.
connection-offline = Çevrimdışısınız. Yeniden çevrimiçi olduğunuzda mesajlarınız gönderilecek.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } yazıyor…
typing-anonymous = Destek ekibi yazıyor…
status-resolved = Bu sohbet çözüldü olarak işaretlendi. İstediğiniz zaman bize yeniden yazabilirsiniz.

## Who answers (under the panel's title)
answering-bot = Asistanımız hemen yanıt veriyor.
answering-waiting = Birazdan bir temsilci sohbete katılacak.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Birazdan bir temsilci sohbete katılacak. Sıradaki sizsiniz.
        [one] Birazdan bir temsilci sohbete katılacak. Sıranız: { $position }.
       *[other] Birazdan bir temsilci sohbete katılacak. Sıranız: { $position }.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Şu anda yanıtlayan:
talk-to-person = Temsilciyle görüş
# The group of buttons with answers the visitor may pick.
quick-replies-label = Önerilen yanıtlar

## Availability (the panel's subtitle)
reply-time-few = Genellikle birkaç dakika içinde yanıt veriyoruz.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Genellikle { $minutes } dakika içinde yanıt veriyoruz.
       *[other] Genellikle { $minutes } dakika içinde yanıt veriyoruz.
    }
away-now = Şu anda müsait değiliz.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Şu anda müsait değiliz. Saat { $time } itibarıyla tekrar buradayız ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Şu anda müsait değiliz. Yarın saat { $time } itibarıyla tekrar buradayız.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Şu anda müsait değiliz. { $day } saat { $time } itibarıyla tekrar buradayız.
# $date (string): a date, like "December 28, 2026".
away-back-later = Şu anda müsait değiliz. { $date } itibarıyla tekrar buradayız.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Geri döndüğümüzde bir temsilci size buradan yanıt verecek. Yazmaya devam edebilirsiniz.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Karşılama mesajını kapat

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Başlamadan önce
prechat-intro = Size doğru kişinin yardımcı olabilmesi için bize biraz kendinizden bahsedin.
prechat-name = Adınız
prechat-email = E-posta
prechat-submit = Sohbeti başlat
# Under a required field left empty.
prechat-required = Bu alan zorunludur.
# Under an e-mail field that is not an address.
prechat-email-invalid = Lütfen name@example.com gibi bir e-posta adresi girin.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Lütfen seçeneklerden birini seçin.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Seçin…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (isteğe bağlı)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Mesaj bırak
ticket-title = Bize mesaj bırakın
ticket-intro = Size e-postayla yanıt vereceğiz ve talep numaranızı içeren bir kopya göndereceğiz.
ticket-subject = Konu
ticket-message = Mesaj
ticket-submit = Gönder
ticket-cancel = İptal
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Teşekkürler! { $reference } numaralı talebiniz bize ulaştı. Yanıtımızı { $email } adresine göndereceğiz.
ticket-sending = Mesajınız gönderiliyor…
ticket-too-long = Bu mesaj çok uzun.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Bir dosya yüklenemedi. Dosyayı kaldırın veya tekrar ekleyin.
ticket-failed = Mesajınız gönderilemedi. Lütfen tekrar deneyin.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Bize ulaşmanın diğer yolları
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = E-posta
channel-phone = Bizi arayın
channel-link = Web sitemiz

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Diğer seçenekler
menu-transcript-text = Sohbeti indir (metin)
menu-transcript-html = Sohbeti indir (web sayfası)
menu-email = Sohbeti bana e-postayla gönder
menu-end = Sohbeti sonlandır

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Sohbetimiz
# Who wrote a message, in the file.
transcript-you = Siz
transcript-team = Destek ekibi
transcript-email-title = Sohbeti bana e-postayla gönder
transcript-email-intro = Bu sohbetin bir kopyasını bu adrese göndereceğiz.
transcript-email-submit = Gönder
# $email (string): where it goes.
transcript-email-sent = Bu sohbet { $email } adresine gönderiliyor.
transcript-failed = Bu sohbet şu anda e-postayla gönderilemiyor.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Size yardımcı olabileceğimiz başka bir konu var mı?
end-yes = Evet
end-no = Hayır, bu kadar
end-confirm = Bu sohbet sonlandırılsın mı?
end-confirm-yes = Sohbeti sonlandır
rate-title = Bu sohbet nasıldı?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } yıldız
   *[other] { $score } yıldız
}
rate-up = İyi
rate-down = Kötü
rate-face-1 = Kötü
rate-face-2 = İdare eder
rate-face-3 = Harika
# Asked after a low rating, above the reasons to tick.
rate-reasons = Ne ters gitti?
rate-reason-slow = Çok uzun sürdü
rate-reason-unsolved = Sorunum çözülmedi
rate-reason-unclear = Yanıtlar anlaşılır değildi
rate-reason-unfriendly = Yeterince nazik davranılmadı
rate-comment = Eklemek istediğiniz bir şey var mı? (isteğe bağlı)
rate-send = Gönder
# Shown when a comment is sent without a rating.
rate-pick = Önce bir puan seçin.
rate-thanks = Geri bildiriminiz için teşekkür ederiz!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Sohbetleriniz
threads-back = Sohbete dön
threads-new = Yeni sohbet
threads-empty = Henüz sohbet yok.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Yanıtınız bekleniyor
    [solved] Çözüldü
   *[open] Açık
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } okunmamış
   *[other] { $count } okunmamış
}
