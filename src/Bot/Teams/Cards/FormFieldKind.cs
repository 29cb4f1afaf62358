namespace SosepBot.Bot.Teams.Cards;

public enum FormFieldKind
{
    Text = 1,
    LongText = 2,
    Choice = 3,
    Toggle = 4,
}
