### Checkout strings (en-US)

-brand-name = Acme Pay

## Payment

checkout-title = Checkout with { -brand-name }
payment-received = Your payment has been received.
    We appreciate your business.
card-declined =
    Transaction failed. Please contact your administrator.
    .title = Invalid card
# tonelint-disable-next-line
legal-notice = Please be advised that fees may apply.
items-removed =
    { $count ->
        [one] Unfortunately one item could not be processed at this time.
       *[other] Unfortunately { $count } items could not be processed at this time.
    }
delete-button =
    .label = Delete
    .accesskey = D
