# Salam widget — Indonesian, id (same message ids as the English reference locale).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Chat dengan kami
       *[other] Chat dengan kami, { $unread } pesan belum dibaca
    }

## Panel header
panel-title-default = Bantuan
panel-subtitle-default = Kami biasanya membalas dalam beberapa menit.
close-label = Tutup chat

## Message log
log-label = Percakapan
log-empty = Tanyakan apa saja, kami siap membantu.
author-you = Anda
author-bot = Bot
author-agent = Agen
author-system = Pemberitahuan
message-sending = Mengirim…
message-sent = Terkirim
# The support side has read the visitor's message.
message-seen = Dilihat
message-failed = Gagal terkirim.
message-failed-too-long = Gagal terkirim: pesan terlalu panjang.
message-failed-rate-limited = Gagal terkirim: terlalu banyak pesan sekaligus. Mohon tunggu sebentar.
message-retry = Coba lagi
upload-failed = Gagal terkirim: file tidak dapat diunggah.
upload-too-large = Gagal terkirim: ukuran file terlalu besar.
upload-type = Gagal terkirim: jenis file ini tidak diterima.
upload-mismatch = Gagal terkirim: isi file tidak sesuai dengan namanya.
upload-progress = Mengunggah { $name }
upload-cancel = Batal

## Composer
composer-label = Pesan
composer-placeholder = Tulis pesan…
composer-hint = Enter untuk mengirim, Shift+Enter untuk baris baru.
send-label = Kirim
attach-label = Lampirkan file
attach-type = { $name } tidak dapat dikirim: jenis file ini tidak diterima.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } tidak dapat dikirim: ukuran file maksimal { $mb } MB.
attach-empty = { $name } tidak dapat dikirim: file kosong.
# The button that takes a file off the "leave a message" form.
attach-remove = Hapus { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = Pesan ini terlalu panjang: maksimal { $max } karakter. Persingkat, lalu kirim lagi.

## Connection
connection-connecting = Menghubungkan…
connection-reconnecting = Menghubungkan ulang… Pesan Anda akan dikirim setelah koneksi pulih.
connection-offline = Anda sedang offline. Pesan Anda akan dikirim setelah Anda kembali online.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } sedang mengetik…
typing-anonymous = Tim bantuan sedang mengetik…
status-resolved = Percakapan ini telah ditandai sebagai terselesaikan. Silakan kirim pesan lagi kapan saja.

## Who answers (under the panel's title)
answering-bot = Asisten kami langsung menjawab.
answering-waiting = Agen kami akan segera bergabung.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Agen kami akan segera bergabung. Giliran Anda berikutnya.
       *[other] Agen kami akan segera bergabung. Anda berada di urutan ke-{ $position } dalam antrean.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Sedang menjawab:
talk-to-person = Bicara dengan agen
# The group of buttons with answers the visitor may pick.
quick-replies-label = Saran balasan

## Availability (the panel's subtitle)
reply-time-few = Kami biasanya membalas dalam beberapa menit.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
       *[other] Kami biasanya membalas dalam { $minutes } menit.
    }
away-now = Kami sedang tidak tersedia.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Kami sedang tidak tersedia. Kembali pukul { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Kami sedang tidak tersedia. Kembali besok pukul { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Kami sedang tidak tersedia. Kembali hari { $day } pukul { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = Kami sedang tidak tersedia. Kembali pada { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Agen kami akan menjawab di sini saat kami kembali. Anda dapat terus menulis pesan.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Tutup sapaan

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Sebelum memulai
prechat-intro = Ceritakan sedikit tentang diri Anda agar orang yang tepat dapat membantu Anda.
prechat-name = Nama
prechat-email = Email
prechat-submit = Mulai chat
# Under a required field left empty.
prechat-required = Kolom ini wajib diisi.
# Under an e-mail field that is not an address.
prechat-email-invalid = Masukkan alamat email, misalnya name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Pilih salah satu opsi.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Pilih…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (opsional)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Tinggalkan pesan
ticket-title = Tinggalkan pesan untuk kami
ticket-intro = Kami akan membalas melalui email dan mengirimkan salinan pesan beserta nomor permintaan Anda.
ticket-subject = Subjek
ticket-message = Pesan
ticket-submit = Kirim
ticket-cancel = Batal
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Terima kasih! Permintaan Anda { $reference } sudah kami terima. Kami akan membalas ke { $email }.
ticket-sending = Mengirim pesan Anda…
ticket-too-long = Pesan ini terlalu panjang.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Salah satu file tidak dapat diunggah. Hapus file tersebut atau lampirkan lagi.
ticket-failed = Pesan Anda gagal terkirim. Silakan coba lagi.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Cara lain menghubungi kami
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = Email
channel-phone = Telepon kami
channel-link = Situs web kami

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Opsi lainnya
menu-transcript-text = Unduh percakapan (teks)
menu-transcript-html = Unduh percakapan (halaman web)
menu-email = Kirim percakapan ke email saya
menu-end = Akhiri chat

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Percakapan kita
# Who wrote a message, in the file.
transcript-you = Anda
transcript-team = Tim bantuan
transcript-email-title = Kirim percakapan ke email saya
transcript-email-intro = Kami akan mengirimkan salinan percakapan ini ke alamat ini.
transcript-email-submit = Kirim
# $email (string): where it goes.
transcript-email-sent = Percakapan ini sedang dikirim ke { $email }.
transcript-failed = Percakapan ini tidak dapat dikirim melalui email saat ini.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Apakah ada hal lain yang bisa kami bantu?
end-yes = Ya
end-no = Tidak, itu saja
end-confirm = Akhiri chat ini?
end-confirm-yes = Akhiri chat
rate-title = Bagaimana chat ini menurut Anda?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
   *[other] { $score } bintang
}
rate-up = Bagus
rate-down = Buruk
rate-face-1 = Buruk
rate-face-2 = Lumayan
rate-face-3 = Sangat bagus
# Asked after a low rating, above the reasons to tick.
rate-reasons = Apa yang kurang memuaskan?
rate-reason-slow = Terlalu lama
rate-reason-unsolved = Masalah saya belum terselesaikan
rate-reason-unclear = Jawabannya tidak jelas
rate-reason-unfriendly = Pelayanannya kurang ramah
rate-comment = Ada yang ingin Anda tambahkan? (opsional)
rate-send = Kirim
# Shown when a comment is sent without a rating.
rate-pick = Pilih penilaian terlebih dahulu.
rate-thanks = Terima kasih atas masukan Anda!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Percakapan Anda
threads-back = Kembali ke chat
threads-new = Percakapan baru
threads-empty = Belum ada percakapan.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Menunggu balasan Anda
    [solved] Terselesaikan
   *[open] Terbuka
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
   *[other] { $count } belum dibaca
}
