using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SosepBot.Web.Console;

/// <summary>A form posted without a valid anti-forgery token is refused (400) with a Spanish page instead of an empty answer.</summary>
public sealed class AntiforgeryFailurePage(IModelMetadataProvider metadata) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ViewResult
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
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
