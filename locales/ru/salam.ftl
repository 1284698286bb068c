# Salam widget — Russian (polite "вы"). Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Напишите нам
        [one] Напишите нам, { $unread } непрочитанное сообщение
        [few] Напишите нам, { $unread } непрочитанных сообщения
        [many] Напишите нам, { $unread } непрочитанных сообщений
       *[other] Напишите нам, { $unread } непрочитанного сообщения
    }

## Panel header
panel-title-default = Поддержка
panel-subtitle-default = Обычно отвечаем в течение нескольких минут.
close-label = Закрыть чат

## Message log
log-label = Переписка
log-empty = Задайте нам любой вопрос — мы всегда готовы помочь.
author-you = Вы
author-bot = Бот
author-agent = Оператор
author-system = Уведомление
message-sending = Отправка…
message-sent = Отправлено
# The support side has read the visitor's message.
message-seen = Просмотрено
message-failed = Не отправлено.
message-failed-too-long = Не отправлено: сообщение слишком длинное.
message-failed-rate-limited = Не отправлено: слишком много сообщений подряд. Подождите немного.
message-retry = Повторить
upload-failed = Не отправлено: не удалось загрузить файл.
upload-too-large = Не отправлено: файл слишком большой.
upload-type = Не отправлено: файлы этого типа не принимаются.
upload-mismatch = Не отправлено: содержимое файла не соответствует его имени.
upload-progress = Загрузка файла { $name }
upload-cancel = Отмена

## Composer
composer-label = Сообщение
composer-placeholder = Напишите сообщение…
composer-hint = Enter — отправить, Shift+Enter — новая строка.
send-label = Отправить
attach-label = Прикрепить файл
attach-type = Файл { $name } нельзя отправить: файлы этого типа не принимаются.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = Файл { $name } нельзя отправить: размер файла — не более { $mb } МБ.
attach-empty = Файл { $name } нельзя отправить: файл пустой.
# The button that takes a file off the "leave a message" form.
attach-remove = Удалить файл { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = Сообщение слишком длинное: не более { $max } символов. Сократите его и отправьте снова.

## Connection
connection-connecting = Подключение…
connection-reconnecting = Переподключение… Ваши сообщения будут отправлены, когда связь восстановится.
connection-offline = Вы не в сети. Ваши сообщения будут отправлены, когда вы снова подключитесь к интернету.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } печатает…
typing-anonymous = Оператор печатает…
status-resolved = Обращение отмечено как решённое. Пишите нам снова в любое время.

## Who answers (under the panel's title)
answering-bot = Наш ассистент отвечает сразу.
answering-waiting = Оператор скоро подключится.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Оператор скоро подключится. Ваша очередь следующая.
        [one] Оператор скоро подключится. Ваш номер в очереди: { $position }.
        [few] Оператор скоро подключится. Ваш номер в очереди: { $position }.
        [many] Оператор скоро подключится. Ваш номер в очереди: { $position }.
       *[other] Оператор скоро подключится. Ваш номер в очереди: { $position }.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Сейчас отвечает:
talk-to-person = Связаться с оператором
# The group of buttons with answers the visitor may pick.
quick-replies-label = Варианты ответа

## Availability (the panel's subtitle)
reply-time-few = Обычно отвечаем в течение нескольких минут.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Обычно отвечаем в течение { $minutes } минуты.
        [few] Обычно отвечаем в течение { $minutes } минут.
        [many] Обычно отвечаем в течение { $minutes } минут.
       *[other] Обычно отвечаем в течение { $minutes } минуты.
    }
away-now = Сейчас мы не на связи.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Сейчас мы не на связи. Вернёмся в { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Сейчас мы не на связи. Вернёмся завтра в { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Сейчас мы не на связи. Снова на связи: { $day }, { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = Сейчас мы не на связи. Вернёмся { $date }
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Оператор ответит здесь, когда мы вернёмся. Вы можете продолжать писать.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Закрыть приветствие

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Прежде чем начать
prechat-intro = Расскажите немного о себе, чтобы вам помог нужный специалист.
prechat-name = Имя
prechat-email = Электронная почта
prechat-submit = Начать чат
# Under a required field left empty.
prechat-required = Это обязательное поле.
# Under an e-mail field that is not an address.
prechat-email-invalid = Введите адрес электронной почты, например name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Выберите один из вариантов.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Выберите…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (необязательно)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Оставить сообщение
ticket-title = Оставьте нам сообщение
ticket-intro = Мы ответим по электронной почте и пришлём вам копию с номером обращения.
ticket-subject = Тема
ticket-message = Сообщение
ticket-submit = Отправить
ticket-cancel = Отмена
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Спасибо! Ваше обращение { $reference } принято. Мы ответим на адрес { $email }.
ticket-sending = Отправка сообщения…
ticket-too-long = Сообщение слишком длинное.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Не удалось загрузить файл. Удалите его или прикрепите ещё раз.
ticket-failed = Не удалось отправить сообщение. Попробуйте ещё раз.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Другие способы связаться с нами
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = Электронная почта
channel-phone = Позвоните нам
channel-link = Наш сайт

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Дополнительные действия
menu-transcript-text = Скачать переписку (текст)
menu-transcript-html = Скачать переписку (веб-страница)
menu-email = Отправить переписку мне на почту
menu-end = Завершить чат

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Наша переписка
# Who wrote a message, in the file.
transcript-you = Вы
transcript-team = Служба поддержки
transcript-email-title = Отправить переписку мне на почту
transcript-email-intro = Мы отправим копию этой переписки на указанный адрес.
transcript-email-submit = Отправить
# $email (string): where it goes.
transcript-email-sent = Переписка отправляется на адрес { $email }.
transcript-failed = Сейчас не удаётся отправить переписку по электронной почте.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Можем ли мы помочь вам чем-то ещё?
end-yes = Да
end-no = Нет, это всё
end-confirm = Завершить этот чат?
end-confirm-yes = Завершить чат
rate-title = Как вам этот чат?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } звезда
    [few] { $score } звезды
    [many] { $score } звёзд
   *[other] { $score } звезды
}
rate-up = Хорошо
rate-down = Плохо
rate-face-1 = Плохо
rate-face-2 = Нормально
rate-face-3 = Отлично
# Asked after a low rating, above the reasons to tick.
rate-reasons = Что пошло не так?
rate-reason-slow = Слишком долго
rate-reason-unsolved = Моя проблема не решена
rate-reason-unclear = Ответы были непонятными
rate-reason-unfriendly = Общение было недружелюбным
rate-comment = Хотите что-то добавить? (необязательно)
rate-send = Отправить
# Shown when a comment is sent without a rating.
rate-pick = Сначала выберите оценку.
rate-thanks = Спасибо за ваш отзыв!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Ваши обращения
threads-back = Вернуться в чат
threads-new = Новое обращение
threads-empty = Обращений пока нет.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Ждём вашего ответа
    [solved] Решено
   *[open] Открыто
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } непрочитанное
    [few] { $count } непрочитанных
    [many] { $count } непрочитанных
   *[other] { $count } непрочитанного
}
