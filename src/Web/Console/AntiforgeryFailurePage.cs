using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SosepBot.Web.Console;

/// <summary>
/// A form posted without a valid anti-forgery token is refused (400) with a Spanish page instead of an empty answer.
/// A form that could not be read because its body passed the limit (sent without a declared length, so the host found
/// out only while the token was being read) is the host's 413 instead: nothing is written, and the host answers it.
/// </summary>
public sealed class AntiforgeryFailurePage(IModelMetadataProvider metadata) : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = await BodyTooLargeAsync(context.HttpContext.Request)
                ? new StatusCodeResult(StatusCodes.Status413PayloadTooLarge)
                : new ViewResult
                {
                    ViewName = "/Pages/Shared/Problema.cshtml",
                    StatusCode = StatusCodes.Status400BadRequest,
                    ViewData = new ViewDataDictionary<ProblemView>(metadata, new ModelStateDictionary())
                    {
                        Model = new ProblemView("Formulario no válido",
                            "El formulario venció o no vino de esta página, así que no se hizo nada. Vuelva a abrir la página e inténtelo de nuevo."),
                    },
                };
        }

        await next();
    }

    /// <summary>Whether the form failed to be read because the body passed its limit (the form's read is kept, failure included).</summary>
    private static async Task<bool> BodyTooLargeAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return false;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false; // a form that is not well formed: the token's refusal stands
        }
    }
}
