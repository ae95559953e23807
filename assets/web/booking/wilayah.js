// Kota Serang's six kecamatan and their 67 kelurahan, for the home-delivery address. Names as
// in the Kemendagri area-code list (36.73.01-06), with Cibendung (split from Cilowong in
// Taktakan). The server accepts exactly these six kecamatan spellings.
(function (root) {
  'use strict';
  const W = {
    'Serang': ['Cimuncang', 'Cipare', 'Kagungan', 'Kaligandu', 'Kotabaru', 'Lontarbaru', 'Lopang', 'Serang',
      'Sukawana', 'Sumurpecung', 'Terondol', 'Unyur'],
    'Kasemen': ['Banten', 'Bendung', 'Kasemen', 'Kasunyatan', 'Kilasah', 'Margaluyu', 'Mesjid Priyayi', 'Sawah Luhur',
      'Terumbu', 'Warung Jaud'],
    'Walantaka': ['Cigoong', 'Kalodran', 'Kapuren', 'Kiara', 'Lebakwangi', 'Nyapah', 'Pabuaran', 'Pageragung',
      'Pangampelan', 'Pasuluhan', 'Pipitan', 'Tegalsari', 'Teritih', 'Walantaka'],
    'Curug': ['Cilaku', 'Cipete', 'Curug', 'Curug Manis', 'Kemanisan', 'Pancalaksana', 'Sukajaya', 'Sukalaksana',
      'Sukawana', 'Tinggar'],
    'Cipocok Jaya': ['Banjaragung', 'Banjarsari', 'Cipocok Jaya', 'Dalung', 'Gelam', 'Karundang', 'Panancangan',
      'Tembong'],
    'Taktakan': ['Cibendung', 'Cilowong', 'Drangong', 'Kalanganyar', 'Kuranji', 'Lialang', 'Pancur', 'Panggungjati',
      'Sayar', 'Sepang', 'Taktakan', 'Taman Baru', 'Umbul Tengah'],
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = W;
  else root.WILAYAH = W;
})(this);
