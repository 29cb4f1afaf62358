using SosepBot.Core.Units;

namespace SosepBot.Web.Pages.Administracion;

/// <summary>The fields of a unit's form: <paramref name="Prefix"/> keeps their ids apart; <paramref name="Unit"/> is null for a new unit.</summary>
public sealed record UnitFieldsView(string Prefix, UnitView? Unit);
