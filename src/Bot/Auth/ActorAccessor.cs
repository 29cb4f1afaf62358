using System.Globalization;
using SosepBot.Bot.Api;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.SignIn;

namespace SosepBot.Bot.Auth;

/// <summary>The authenticated person as an <see cref="Actor"/> of the API channel, with the roles they hold now.</summary>
public static class ActorAccessor
{
    public static async Task<Actor> ActorAsync(this HttpContext context, PeopleService people)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(people);
        var claim = context.User.FindFirst(SignInClaims.PersonId)?.Value;
        if (claim is null || !long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new DomainException(ErrorKind.Forbidden, ApiTexts.UnknownIdentity);
        }

        return PeopleService.ActorOf(await people.FindAsync(id, context.RequestAborted), Channel.Api)
            ?? throw new DomainException(ErrorKind.Forbidden, ApiTexts.DeactivatedUser);
    }
}
