namespace GridTokenX.ReadModel.Model;

public enum TradeRole
{
    Buyer,
    Seller,
}
