namespace SosepBot.Core.People;

/// <summary>The roles of the procedures manual (DESIGN.md §2). A person may hold several.</summary>
public enum Role
{
    /// <summary>Director, Subdirector or Jefe of the requesting unit (signs account requests).</summary>
    UnitDirector = 1,

    /// <summary>Despacho Superior.</summary>
    Despacho = 2,

    /// <summary>Asistente of the IT unit.</summary>
    Assistant = 3,

    /// <summary>Director Unidad de Informática.</summary>
    ItDirector = 4,

    /// <summary>Jefe de Infraestructura y HelpDesk.</summary>
    InfraHead = 5,

    /// <summary>Técnico de Hardware y Software.</summary>
    Technician = 6,

    /// <summary>Técnico IT Sedes Departamentales.</summary>
    SiteTechnician = 7,

    /// <summary>Jefe de Desarrollo.</summary>
    DevHead = 8,

    /// <summary>Analista Desarrollador.</summary>
    Developer = 9,

    /// <summary>Técnico de Base de Datos.</summary>
    Dba = 10,

    /// <summary>Administrador de Servidores.</summary>
    ServerAdmin = 11,

    /// <summary>Departamento de Inventarios.</summary>
    Inventory = 12,

    /// <summary>Administers the service itself (people, roles, keys). Not a role of the manual.</summary>
    Administrator = 13,
}
