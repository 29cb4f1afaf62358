using System.Reflection;
using System.Text.RegularExpressions;
using SosepBot.Core.Dashboard;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;
using SosepBot.Core.Tests.Procedures;
using SosepBot.Core.Units;
using SosepBot.Core.Validation;
using SosepBot.Persistence;

namespace SosepBot.Core.Tests.Validation;

/// <summary>
/// Every refusal the procedures and the validation can say, with sample arguments, is a whole Spanish sentence whose
/// articles, verbs and adjectives agree (issue 15: «El descripción es demasiado largo», «falta los permisos…»).
/// </summary>
public sealed partial class SpanishSentencesTests
{
    /// <summary>Nouns whose gender does not follow their ending.</summary>
    private static readonly Dictionary<string, bool> FeminineExceptions = new(StringComparer.Ordinal)
    {
        ["sistema"] = false,
        ["programa"] = false,
        ["día"] = false,
        ["NIT"] = false,
        ["CUI"] = false,
    };

    /// <summary>(procedure, action, requirement index) of every requirement of every action of the catalogue.</summary>
    public static TheoryData<string, string, int> Requirements()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions)
            {
                for (var i = 0; i < t.Requirements.Count; i++)
                {
                    data.Add(p.Code, t.Action, i);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requirements))]
    public void Unmet_EachRequirementAlone_IsAWholeAgreeingSentence(string code, string action, int index)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var requirement = transition.Requirements[index];
        var context = Engine.Bare(definition, transition.From[0], Engine.ActorFor(transition.Who[0]));

        var sentence = ProcedureTexts.Unmet(transition.Label, [(requirement.RefusalFor(context), requirement.Shape)]);

        AssertSentence(sentence);
        Assert.True(requirement.Shape != NeedShape.Rule || requirement.Broken is not null, $"{code} «{action}»: a rule needs the clause that refuses it.");
        Assert.False(char.IsUpper(requirement.Description[0]) && requirement.Description[..2] != "DS", $"«{requirement.Description}» is completed by «falta …»: lower case.");
    }

    public static TheoryData<string, string> Transitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Engine.Catalog.All)
        {
            foreach (var t in p.Transitions.Where(t => t.Requirements.Count > 0))
            {
                data.Add(p.Code, t.Action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Unmet_AllRequirementsOfAnAction_IsAWholeAgreeingSentence(string code, string action)
    {
        var definition = Engine.Definition(code);
        var transition = Engine.Transition(code, action);
        var context = Engine.Bare(definition, transition.From[0], Engine.ActorFor(transition.Who[0]));

        var sentence = ProcedureTexts.Unmet(transition.Label, transition.Requirements.Select(r => (r.RefusalFor(context), r.Shape)).ToList());

        AssertSentence(sentence);
    }

    [Fact]
    public void Unmet_SeveralThings_AgreeInNumber()
    {
        Assert.Equal("No se puede «Informar» todavía: faltan los permisos de A y los permisos de B.",
            ProcedureTexts.Unmet("Informar", [("los permisos de A", NeedShape.Things), ("los permisos de B", NeedShape.Things)]));
        Assert.Equal("No se puede «Firmar» todavía: falta la firma del técnico.",
            ProcedureTexts.Unmet("Firmar", [("la firma del técnico", NeedShape.Thing)]));
        Assert.Equal("No se puede «Firmar» todavía: faltan la firma del técnico y la verificación.",
            ProcedureTexts.Unmet("Firmar", [("la firma del técnico", NeedShape.Thing), ("la verificación", NeedShape.Thing)]));
        Assert.Equal("No se puede «Asignar»: la persona elegida debe tener el rol Técnico.",
            ProcedureTexts.Unmet("Asignar", [("la persona elegida debe tener el rol Técnico", NeedShape.Rule)]));
    }

    [Fact]
    public void EngineRefusals_WithSampleArguments_AreWholeSentences()
    {
        AssertSentence(ProcedureTexts.UnknownAction("volar", "DS-UI-04", ["asignar", "atender"]));
        AssertSentence(ProcedureTexts.WrongState("Asignar técnico", "UI-2026-00001", "Cerrado", []));
        AssertSentence(ProcedureTexts.WrongState("Asignar técnico", "UI-2026-00001", "En atención", ["Resolver", "Pedir información"]));
        AssertSentence(ProcedureTexts.OnlyItStaff("revisa los mensajes no entregados"));
        AssertSentence(ProcedureTexts.NotAllowed("Asignar técnico", "UI-2026-00001", "Jefe de Infraestructura y HelpDesk"));
    }

    public static TheoryData<string> Fields()
    {
        var data = new TheoryData<string>();
        foreach (var f in ValidationTexts.TextFields.Concat(FormFields.All.Select(f => f.Name)))
        {
            data.Add(f.Key);
        }

        return data;
    }

    private static FieldName Field(string key) =>
        ValidationTexts.TextFields.Concat(FormFields.All.Select(f => f.Name)).Single(f => f.Key == key);

    [Theory]
    [MemberData(nameof(Fields))]
    public void ValidationTexts_EveryField_AgreeWithItsGender(string key)
    {
        var field = Field(key);
        var head = field.Noun.Split(' ')[0];
        var feminine = FeminineExceptions.TryGetValue(head, out var f) ? f
            : Regex.IsMatch(head, "(ción|sión|dad|tud|a|as)$") || (!Regex.IsMatch(head, "(o|os|or|ores|e|es)$") && field.Feminine);
        Assert.True(feminine == field.Feminine, $"«{field.Noun}» is {(feminine ? "feminine" : "masculine")}.");
        Assert.True(head.EndsWith('s') == field.Plural || head is "NIT" or "CUI", $"«{field.Noun}»: plural mark.");

        foreach (var sentence in new[]
        {
            ValidationTexts.Missing(field),
            ValidationTexts.TooLong(field, 200),
            ValidationTexts.NotAllowed(field, "form.campo", ["A", "B", "C"]),
            ValidationTexts.WrongType(field, "form.campo", "un texto"),
        })
        {
            AssertSentence(sentence);
            Assert.DoesNotContain(field.Feminine ? "El " + field.Noun : "La " + field.Noun, sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TooLong_Description_SaysLaDescripcionEsDemasiadoLarga()
    {
        Assert.Equal("La descripción es demasiado larga (máximo 4000 caracteres).", ValidationTexts.TooLong(ValidationTexts.Description, 4000));
        Assert.Equal("El título es demasiado largo (máximo 200 caracteres).", ValidationTexts.TooLong(ValidationTexts.Title, 200));
        Assert.Equal("Los apellidos completos (campo form.lastNames) no son válidos: escriba un texto.",
            ValidationTexts.WrongType(FormFields.Find("lastNames")!.Name, "form.lastNames", "un texto"));
    }

    [Fact]
    public void FormFields_CoverEveryPropertyOfTheForm()
    {
        var properties = typeof(FormData).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(properties, FormFields.All.Select(f => f.Property).Order(StringComparer.Ordinal));
        Assert.Equal(["Nuevo", "Actualizacion", "Baja"], FormFields.Find("changeKind")!.Allowed);
        Assert.All(FormFields.All, f => AssertSentence(f.Description));
    }

    /// <summary>The forms' own rules (FormCatalog) and the CUI/NIT checks, with forms that break them.</summary>
    public static TheoryData<string> FormRefusals()
    {
        var data = new TheoryData<string>();
        var rules = new[] { FormCatalog.Modules, FormCatalog.Bsosep, FormCatalog.DomainAccount, FormCatalog.FinanceAccount };
        var forms = new List<FormData>();
        foreach (var code in new[] { FormCatalog.Modulos, FormCatalog.UsuariosModulos, FormCatalog.CorreoInternet, FormCatalog.SigesSicoin })
        {
            foreach (var kind in Enum.GetValues<ChangeKind>())
            {
                forms.Add(new FormData { FormCode = code, ChangeKind = kind });
                forms.Add(new FormData { FormCode = code, ChangeKind = kind, InternetAccess = InternetAccess.NavegacionTotal });
            }
        }

        foreach (var message in rules.SelectMany(r => forms.Select(f => r.Check?.Invoke(f))).OfType<string>().Distinct())
        {
            data.Add(message);
        }

        foreach (var cui in new[] { "", "12ab", "123", "1234567890123", "2470945630199", "2470945639901" })
        {
            if (GuatemalanIds.ValidateCui(cui).Error is { } error)
            {
                data.Add(error);
            }
        }

        foreach (var nit in new[] { "", "12a-3", "1234567890123-4", "1669394-8" })
        {
            if (GuatemalanIds.ValidateNit(nit).Error is { } error)
            {
                data.Add(error);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormRefusals))]
    public void FormRules_EveryRefusal_IsAWholeSentence(string message)
    {
        AssertSentence(message);
    }

    /// <summary>Every message of the request, validation, unit, people and notification catalogues (constants, and methods with sample arguments).</summary>
    public static TheoryData<string, string> CatalogueSentences()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { typeof(RequestTexts), typeof(ValidationTexts), typeof(UnitTexts), typeof(PeopleTexts), typeof(NotificationTexts), typeof(PersistenceTexts), typeof(DashboardTexts) })
        {
            foreach (var constant in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
            {
                data.Add($"{type.Name}.{constant.Name}", (string)constant.GetValue(null)!);
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(string) && m.Name != nameof(ValidationTexts.JoinOr) && !m.IsSpecialName))
            {
                foreach (var sample in Samples(method))
                {
                    data.Add($"{type.Name}.{method.Name}", (string)method.Invoke(null, sample)!);
                }
            }
        }

        return data;
    }

    /// <summary>Sample arguments: for a field, every field (each gender and number).</summary>
    private static IEnumerable<object[]> Samples(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var fields = ValidationTexts.TextFields.Concat(FormFields.All.Select(f => f.Name)).ToList();
        var variants = parameters.Any(p => p.ParameterType == typeof(FieldName)) ? fields.Count : 1;
        for (var i = 0; i < variants; i++)
        {
            yield return parameters.Select(p => p.ParameterType switch
            {
                _ when p.ParameterType == typeof(FieldName) => fields[i],
                _ when p.ParameterType == typeof(string) => p.Name switch
                {
                    "number" => "UI-2026-00042",
                    "code" => "DS-UI-99",
                    "state" => "Cerrado",
                    "email" => "ana.perez@sosep.gob.gt",
                    "type" => "application/x-msdownload",
                    "path" => "form.changeKind",
                    "expected" => "un texto entre comillas",
                    "message" => "Falta el nombre de la unidad.",
                    _ => "Solicitud de nueva aplicación",
                },
                _ when p.ParameterType == typeof(int) || p.ParameterType == typeof(long) => p.ParameterType == typeof(int) ? 200 : (object)7L,
                _ when typeof(IEnumerable<string>).IsAssignableFrom(p.ParameterType) => new[] { "Nuevo", "Actualizacion", "Baja" },
                _ => throw new InvalidOperationException($"No sample for {method.Name}({p.ParameterType.Name} {p.Name})."),
            }).ToArray();
        }
    }

    [Theory]
    [MemberData(nameof(CatalogueSentences))]
    public void Catalogues_EveryMessage_IsAWholeSentence(string name, string sentence)
    {
        Assert.False(string.IsNullOrEmpty(name));
        AssertSentence(sentence);
    }

    /// <summary>Capital first, one final period, nothing left unfilled, no «falta» before a plural or a negation.</summary>
    internal static void AssertSentence(string sentence)
    {
        Assert.False(string.IsNullOrWhiteSpace(sentence));
        Assert.True(char.IsUpper(sentence[0]), $"Begins with a capital: «{sentence}»");
        Assert.True(sentence.EndsWith('.') && !sentence.EndsWith("..", StringComparison.Ordinal), $"Ends with one period: «{sentence}»");
        Assert.DoesNotMatch(@"\{[^}]*\}|«»|\(\)|  | [.,;:]", sentence);
        Assert.DoesNotMatch(@"\bfalta (los|las|unos|unas|no|usted|la persona elegida|ya)\b", sentence);
        var faltan = Regex.Match(sentence, @"\bfaltan (el|la|un|una) ([^;.]*)");
        Assert.True(!faltan.Success || faltan.Groups[2].Value.Contains(" y ", StringComparison.Ordinal), $"«faltan» needs several things: «{sentence}»");
        Assert.DoesNotMatch(@"\b[Ee]l \w+(ción|sión|dad)\b", sentence);
        Assert.DoesNotMatch(@"(?<!\bde )\b[Ll]a \w+(ción|sión|dad)\b.* es demasiado largo\b", sentence); // «El nombre de la unidad es … largo» agrees
    }
}
