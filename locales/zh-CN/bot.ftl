# Salam reference bot — Simplified Chinese, zh-CN. The reference server's bot speaks these
# (the widget never loads this file). Every locale has exactly these ids.

# The bot's name, shown above its messages.
bot-name = 智能助手
bot-did-it-help = 以上回答对您有帮助吗？
bot-yes = 有帮助
bot-no = 没有帮助
bot-glad = 很高兴能帮到您。如有其他问题，欢迎继续提问。
bot-rephrase = 抱歉。能换个说法再描述一下吗？您也可以转人工客服。
# Also a button: it must ask for a person in so many words.
bot-talk-to-person = 转人工客服
bot-did-you-mean = 您想问的是以下问题吗？
bot-no-match = 这个问题我暂时无法回答，正在为您转接人工客服。
bot-handover = 人工客服即将加入本次会话。
# Words or phrases that ask for a person, comma-separated, lowercase.
# A visitor message containing one of them (as whole words) hands over.
bot-handover-words = 人工，人工客服，转人工，转人工客服，真人，真人客服，客服人员，找人工
# $name (string): the agent who joined.
bot-agent-joined = { $name } 已加入会话。
# Handing over while nobody can answer (out of hours, or no agent online).
bot-handover-away = 客服暂时不在线。人工客服恢复服务后将在此回复您，恢复时间请查看聊天窗口顶部。
