namespace GridTokenX.ReadModel.Model;

/// <summary><c>status=open|all</c> of <c>GET /api/v1/orders</c>: open means open or partially filled.</summary>
public enum OrderListStatus
{
    Open,
    All,
}
