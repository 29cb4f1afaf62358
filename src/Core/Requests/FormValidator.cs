using System.Net.Mail;
using SosepBot.Core.Errors;
using SosepBot.Core.Procedures;
using SosepBot.Core.Validation;

namespace SosepBot.Core.Requests;

/// <summary>Checks a form against its procedure's rules and returns a normalised copy; refuses with a Spanish message naming the field.</summary>
public static class FormValidator
{
    public static FormData Validate(FormRules rules, FormData? input)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (input is null)
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.MissingForm(rules.FormCodes[0])) { Field = "formulario" };
        }

        var form = Copy(input);
        form.FormCode = string.IsNullOrWhiteSpace(form.FormCode) ? rules.FormCodes[0] : form.FormCode.Trim();
        if (!rules.FormCodes.Contains(form.FormCode, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.WrongForm(form.FormCode, rules.FormCodes)) { Field = "formulario" };
        }

        form.FormCode = rules.FormCodes.First(c => string.Equals(c, form.FormCode, StringComparison.OrdinalIgnoreCase));
        var missing = rules.Required.Where(r => !r.IsFilled(form)).Select(r => r.Label).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(ErrorKind.Invalid,
                RequestTexts.MissingFormData(form.FormCode, missing)) { Field = missing[0] };
        }

        var cui = GuatemalanIds.ValidateCui(form.Cui);
        if (!cui.IsValid)
        {
            throw new DomainException(ErrorKind.Invalid, cui.Error!) { Field = "cui" };
        }

        var nit = GuatemalanIds.ValidateNit(form.Nit);
        if (!nit.IsValid)
        {
            throw new DomainException(ErrorKind.Invalid, nit.Error!) { Field = "nit" };
        }

        form.Cui = cui.Normalized;
        form.Nit = nit.Normalized;
        if (!string.IsNullOrWhiteSpace(form.InstitutionalEmail))
        {
            var email = form.InstitutionalEmail.Trim();
            if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                throw new DomainException(ErrorKind.Invalid,
                    RequestTexts.InstitutionalEmailInvalid(email)) { Field = "correoInstitucional" };
            }

            form.InstitutionalEmail = email.ToLowerInvariant();
        }

        if (rules.Check?.Invoke(form) is { } problem)
        {
            throw new DomainException(ErrorKind.Invalid, problem) { Field = "formulario" };
        }

        return form;
    }

    private static FormData Copy(FormData f) => new()
    {
        FormCode = f.FormCode,
        ChangeKind = f.ChangeKind,
        ModuleOrSystem = Trim(f.ModuleOrSystem),
        OperationalUnit = Trim(f.OperationalUnit),
        ProgramSiteDirection = Trim(f.ProgramSiteDirection),
        DirectorOrHead = Trim(f.DirectorOrHead),
        FirstNames = Trim(f.FirstNames),
        LastNames = Trim(f.LastNames),
        Nit = f.Nit,
        Cui = f.Cui,
        InstitutionalEmail = f.InstitutionalEmail,
        JobTitle = Trim(f.JobTitle),
        Profile = Trim(f.Profile),
        InternetAccess = f.InternetAccess,
        SpecialPermissions = Trim(f.SpecialPermissions),
        SicoinAccount = f.SicoinAccount,
        SigesAccount = f.SigesAccount,
        Justification = Trim(f.Justification),
    };

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
