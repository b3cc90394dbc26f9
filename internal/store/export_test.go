package store

import badger "github.com/dgraph-io/badger/v4"

type badgerTxn = badger.Txn
