namespace SosepBot.Core.Requests;

public enum Priority
{
    Baja = 1,
    Media = 2,
    Alta = 3,
    Urgente = 4,
}
