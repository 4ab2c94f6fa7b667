using Hypercare.Engagements.Lifecycle;
using Hypercare.Server.Auth;
using Microsoft.AspNetCore.Components;

namespace Hypercare.Server.Ui;

/// <summary>Loads the engagement a page shows, or answers 404 when the user may not see it.</summary>
public abstract class EngagementPageBase : ComponentBase
{
    [Parameter] public Guid Id { get; set; }
    [Inject] protected EngagementAccess Access { get; set; } = default!;
    [Inject] protected CurrentUser Current { get; set; } = default!;
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    protected Engagement? Engagement { get; private set; }
    protected EngagementSnapshot? Snapshot { get; private set; }
    protected string Me { get; private set; } = "";

    protected override async Task OnInitializedAsync()
    {
        var (user, _) = await Current.GetAsync(CancellationToken.None);
        Me = user.Email ?? "";
        try
        {
            Engagement = await Access.GetAsync(Id, CancellationToken.None);
            Snapshot = Engagement.Snapshot(Access.Now);
        }
        catch (NotVisibleException)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>A member's name for the e-mail (or name) that recorded something; the text itself otherwise.</summary>
    protected string Who(string by) => Engagement?.Members.FirstOrDefault(m => m.IsNamedBy(by))?.Name ?? by;

    /// <summary>The signed-in user's role in this engagement, if a member.</summary>
    protected Engagements.Access.MemberRole? MyRole => Engagement?.Members.FirstOrDefault(m => m.IsNamedBy(Me))?.Role;
}
