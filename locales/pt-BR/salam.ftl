# Salam widget — Brazilian Portuguese ("você"). Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Fale com a gente
        [one] Fale com a gente, { $unread } mensagem não lida
       *[other] Fale com a gente, { $unread } mensagens não lidas
    }

## Panel header
panel-title-default = Suporte
panel-subtitle-default = Costumamos responder em poucos minutos.
close-label = Fechar chat

## Message log
log-label = Conversa
log-empty = Pergunte o que quiser, estamos aqui para ajudar.
author-you = Você
author-bot = Bot
author-agent = Atendente
author-system = Aviso
message-sending = Enviando…
message-sent = Enviada
# The support side has read the visitor's message.
message-seen = Visualizada
message-failed = Não enviada.
message-failed-too-long = Não enviada: a mensagem é longa demais.
message-failed-rate-limited = Não enviada: muitas mensagens de uma vez. Aguarde um momento.
message-retry = Tentar novamente
upload-failed = Não enviada: não foi possível fazer o upload do arquivo.
upload-too-large = Não enviada: o arquivo é grande demais.
upload-type = Não enviada: este tipo de arquivo não é aceito.
upload-mismatch = Não enviada: o conteúdo do arquivo não corresponde ao nome dele.
upload-progress = Enviando { $name }
upload-cancel = Cancelar

## Composer
composer-label = Mensagem
composer-placeholder = Escreva uma mensagem…
composer-hint = Enter para enviar, Shift+Enter para quebrar a linha.
send-label = Enviar
attach-label = Anexar um arquivo
attach-type = Não é possível enviar { $name }: este tipo de arquivo não é aceito.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = Não é possível enviar { $name }: os arquivos podem ter no máximo { $mb } MB.
attach-empty = Não é possível enviar { $name }: o arquivo está vazio.
# The button that takes a file off the "leave a message" form.
attach-remove = Remover { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = Esta mensagem é longa demais: no máximo { $max } caracteres. Encurte o texto e envie de novo.

## Connection
connection-connecting = Conectando…
connection-reconnecting = Reconectando… Suas mensagens serão enviadas quando a conexão voltar.
connection-offline = Você está offline. Suas mensagens serão enviadas quando você voltar a ficar online.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } está digitando…
typing-anonymous = O suporte está digitando…
status-resolved = Esta conversa foi marcada como resolvida. Fale com a gente de novo quando quiser.

## Who answers (under the panel's title)
answering-bot = Nosso assistente responde na hora.
answering-waiting = Um atendente vai entrar na conversa em instantes.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Um atendente vai entrar na conversa em instantes. Você é a próxima pessoa da fila.
        [one] Um atendente vai entrar na conversa em instantes. Você está na posição { $position } da fila.
       *[other] Um atendente vai entrar na conversa em instantes. Você está na posição { $position } da fila.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Atendendo agora:
talk-to-person = Falar com um atendente
# The group of buttons with answers the visitor may pick.
quick-replies-label = Respostas sugeridas

## Availability (the panel's subtitle)
reply-time-few = Costumamos responder em poucos minutos.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Costumamos responder em { $minutes } minuto.
       *[other] Costumamos responder em { $minutes } minutos.
    }
away-now = No momento não estamos disponíveis.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = No momento não estamos disponíveis. Voltamos às { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = No momento não estamos disponíveis. Voltamos amanhã às { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = No momento não estamos disponíveis. Voltamos { $day } às { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = No momento não estamos disponíveis. Voltamos em { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Um atendente vai responder aqui quando voltarmos. Você pode continuar escrevendo.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Fechar a saudação

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Antes de começar
prechat-intro = Conte um pouco sobre você para que a pessoa certa possa ajudar.
prechat-name = Nome
prechat-email = E-mail
prechat-submit = Iniciar chat
# Under a required field left empty.
prechat-required = Este campo é obrigatório.
# Under an e-mail field that is not an address.
prechat-email-invalid = Digite um endereço de e-mail, como name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Escolha uma das opções.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Escolha…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (opcional)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Deixar uma mensagem
ticket-title = Deixe uma mensagem para a gente
ticket-intro = Vamos responder por e-mail e enviar uma cópia com o número da sua solicitação.
ticket-subject = Assunto
ticket-message = Mensagem
ticket-submit = Enviar
ticket-cancel = Cancelar
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Obrigado! Recebemos sua solicitação { $reference }. Vamos responder no e-mail { $email }.
ticket-sending = Enviando sua mensagem…
ticket-too-long = Esta mensagem é longa demais.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Não foi possível fazer o upload de um arquivo. Remova ou anexe o arquivo de novo.
ticket-failed = Não foi possível enviar sua mensagem. Tente novamente.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Outras formas de falar com a gente
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = E-mail
channel-phone = Ligue para a gente
channel-link = Nosso site

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Mais opções
menu-transcript-text = Baixar a conversa (texto)
menu-transcript-html = Baixar a conversa (página web)
menu-email = Receber a conversa por e-mail
menu-end = Encerrar chat

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Nossa conversa
# Who wrote a message, in the file.
transcript-you = Você
transcript-team = Equipe de suporte
transcript-email-title = Receber a conversa por e-mail
transcript-email-intro = Vamos enviar uma cópia desta conversa para este endereço.
transcript-email-submit = Enviar
# $email (string): where it goes.
transcript-email-sent = Esta conversa está a caminho de { $email }.
transcript-failed = Não é possível enviar esta conversa por e-mail agora.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Podemos ajudar com mais alguma coisa?
end-yes = Sim
end-no = Não, é só isso
end-confirm = Encerrar este chat?
end-confirm-yes = Encerrar chat
rate-title = Como foi este chat?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } estrela
   *[other] { $score } estrelas
}
rate-up = Bom
rate-down = Ruim
rate-face-1 = Ruim
rate-face-2 = Razoável
rate-face-3 = Ótimo
# Asked after a low rating, above the reasons to tick.
rate-reasons = O que deu errado?
rate-reason-slow = Demorou demais
rate-reason-unsolved = Meu problema não foi resolvido
rate-reason-unclear = As respostas não foram claras
rate-reason-unfriendly = O atendimento não foi cordial
rate-comment = Quer acrescentar algo? (opcional)
rate-send = Enviar
# Shown when a comment is sent without a rating.
rate-pick = Escolha uma avaliação primeiro.
rate-thanks = Obrigado pelo seu feedback!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Suas conversas
threads-back = Voltar ao chat
threads-new = Nova conversa
threads-empty = Nenhuma conversa ainda.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Aguardando sua resposta
    [solved] Resolvida
   *[open] Aberta
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } não lida
   *[other] { $count } não lidas
}
