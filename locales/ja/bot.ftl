# Salam reference bot — Japanese. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = アシスタント
bot-did-it-help = お役に立ちましたか？
bot-yes = はい
bot-no = いいえ
bot-glad = お役に立ててよかったです。ほかにもお気軽にご質問ください。
bot-rephrase = 申し訳ありません。別の言い方でもう一度ご質問いただけますか？オペレーターと話すこともできます。
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = オペレーターと話す
bot-did-you-mean = 次のいずれかについてのご質問ですか？
bot-no-match = このご質問にはお答えできないため、オペレーターにおつなぎします。
bot-handover = まもなくオペレーターがこのチャットに参加します。
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = オペレーター、オペレーターと話す、オペレーターと話したい、有人対応、有人チャット、担当者、人間、スタッフ
# $name (string): the agent who joined.
bot-agent-joined = { $name }がチャットに参加しました。
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = ただいま不在にしております。対応再開後、オペレーターがこちらでお返事いたします。再開の日時はこのチャットの上部に表示されています。
