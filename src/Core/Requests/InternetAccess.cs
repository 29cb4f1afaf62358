namespace SosepBot.Core.Requests;

/// <summary>DI-Frm_003's internet access tiers.</summary>
public enum InternetAccess
{
    /// <summary>Páginas de Gobierno (*.gob.gt) only.</summary>
    PaginasDeGobierno = 1,

    /// <summary>Sin Social Sin Streaming.</summary>
    SinSocialSinStreaming = 2,

    /// <summary>Navegación Total.</summary>
    NavegacionTotal = 3,
}
