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
message-failed = Не отправлено.
message-failed-too-long = Не отправлено: сообщение слишком длинное.
message-failed-rate-limited = Не отправлено: слишком много сообщений подряд. Подождите немного.
message-retry = Повторить

## Composer
composer-label = Сообщение
composer-placeholder = Напишите сообщение…
composer-hint = Enter — отправить, Shift+Enter — новая строка.
send-label = Отправить
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
