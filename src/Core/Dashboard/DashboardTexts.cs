using System.Globalization;

namespace SosepBot.Core.Dashboard;

/// <summary>The director's dashboard in Spanish: whole sentences here (read by the sentence tests), short labels in <see cref="Labels"/>.</summary>
public static class DashboardTexts
{
    public const string OnlyDirector =
        "El tablero es solo para el Director de la Unidad de Informática y los administradores. Si necesita ayuda, revise sus pendientes o sus solicitudes.";

    public const string NothingClosed = "En estas semanas no se cerró ninguna solicitud.";

    public const string NothingOpen = "No hay solicitudes en curso.";

    public const string NothingOverdue = "Ninguna solicitud en curso está vencida.";

    /// <summary>The weekly chart described for someone who cannot see it.</summary>
    public static string WeeklyChartAlt(int weeks, int opened, int closed) => string.Create(CultureInfo.InvariantCulture,
        $"Gráfica de barras de las últimas {weeks} semanas: se abrieron {opened} solicitudes y se cerraron {closed}; las cifras de cada semana están en la tabla siguiente.");

    /// <summary>The backlog chart described for someone who cannot see it.</summary>
    public static string BacklogChartAlt(int open, int overdue) => string.Create(CultureInfo.InvariantCulture,
        $"Gráfica de barras de las solicitudes en curso por procedimiento: {open} en curso, de ellas {overdue} vencidas; el detalle por estado está en la tabla siguiente.");

    /// <summary>The compliance chart described for someone who cannot see it.</summary>
    public static string ComplianceChartAlt(int closed, int within) => string.Create(CultureInfo.InvariantCulture,
        $"Gráfica de barras del porcentaje cerrado dentro del plazo por procedimiento: {within} de {closed} solicitudes cerradas; el detalle está en la tabla siguiente.");

    /// <summary>Labels of charts, tables and the digest's lines (not sentences).</summary>
    public static class Labels
    {
        public const string Opened = "Abiertas";
        public const string Closed = "Cerradas";
        public const string Open = "En curso";
        public const string Overdue = "Vencidas";
        public const string Week = "Semana del";
        public const string Requests = "Solicitudes";
        public const string WithinShare = "% dentro del plazo";
        public const string Total = "Total";
        public const string Unassigned = "Sin asignar";
        public const string WeeklyTitle = "Abiertas y cerradas por semana";
        public const string BacklogTitle = "En curso por procedimiento";
        public const string ComplianceTitle = "Cerradas dentro del plazo por procedimiento";
    }
}
